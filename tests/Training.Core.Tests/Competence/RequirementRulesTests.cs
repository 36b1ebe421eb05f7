using Training.Core.Competence;
using Training.Core.Content;

namespace Training.Core.Tests.Competence;

/// <summary>Who a requirement is for, which of several states is most urgent, and when a counting completion may be renewed.</summary>
public class RequirementRulesTests
{
    [Theory]
    [InlineData(null, new int[0], null, null, true)]   // everyone, even without unit or role
    [InlineData(null, new int[0], 3, 7, true)]
    [InlineData(3, new int[0], 3, 7, true)]            // the unit
    [InlineData(3, new int[0], 4, 7, false)]
    [InlineData(3, new int[0], null, 7, false)]
    [InlineData(null, new[] { 7, 8 }, 3, 8, true)]     // one of the roles
    [InlineData(null, new[] { 7, 8 }, 3, 9, false)]
    [InlineData(null, new[] { 7 }, 3, null, false)]    // no role is not every role
    [InlineData(3, new[] { 7 }, 3, 7, true)]           // both must hold
    [InlineData(3, new[] { 7 }, 4, 7, false)]
    [InlineData(3, new[] { 7 }, 3, 8, false)]
    public void TheAudience_IsEveryone_OrTheUnit_AndOrTheJobRoles(int? unit, int[] roles, int? personUnit, int? personRole, bool included) =>
        Assert.Equal(included, new RequirementAudience(unit, roles).Includes(personUnit, personRole));

    private static readonly DateTime Now = new(2026, 6, 1, 10, 0, 0, DateTimeKind.Utc);

    private static CompetenceState State(CompetenceStatus status, DateOnly? due = null, DateTime? validUntil = null) => new(status, null, validUntil, due);

    [Fact]
    public void TheMostUrgentComesFirst_OverdueExpiredExpiringThenDueDatesThenCompleted()
    {
        var completed = State(CompetenceStatus.Completed, validUntil: Now.AddDays(400));
        var noDueDate = State(CompetenceStatus.NotStarted);
        var dueLater = State(CompetenceStatus.NotStarted, due: new DateOnly(2026, 9, 1));
        var begunDueLater = State(CompetenceStatus.InProgress, due: new DateOnly(2026, 9, 1));
        var dueSoon = State(CompetenceStatus.NotStarted, due: new DateOnly(2026, 6, 10));
        var expiringLater = State(CompetenceStatus.Expiring, validUntil: Now.AddDays(50));
        var expiringSoon = State(CompetenceStatus.Expiring, validUntil: Now.AddDays(5));
        var expired = State(CompetenceStatus.Expired, validUntil: Now.AddDays(-5));
        var overdue = State(CompetenceStatus.Overdue, due: new DateOnly(2026, 5, 1));

        CompetenceState[] shuffled = [completed, dueLater, expiringLater, overdue, noDueDate, begunDueLater, expired, dueSoon, expiringSoon];

        Assert.Equal([overdue, expired, expiringSoon, expiringLater, dueSoon, begunDueLater, dueLater, noDueDate, completed],
            shuffled.Order(CompetenceUrgency.MostUrgentFirst));
        Assert.Same(overdue, CompetenceUrgency.MostUrgent(shuffled));
        Assert.Null(CompetenceUrgency.MostUrgent([]));
    }

    private static readonly DateTime MajorStored = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    private static CurrentModule Module(string version) =>
        new("m", ModuleVersionNumber.TryParse(version, out var v) ? v : throw new ArgumentException(version), MajorStored);

    public static TheoryData<string, string, DateTime?, DateTime, bool> RenewalCases => new()
    {
        // current version, completed version, expires, now, open for renewal
        { "1.0", "1.0", null, Now, false },                                    // never expires, same major
        { "1.2", "1.0", Now.AddDays(61), Now, false },                         // before the window
        { "1.2", "1.0", Now.AddDays(60), Now, true },                          // the window starts
        { "2.0", "1.4", null, MajorStored.AddDays(1), true },                  // a new major to take during the grace
        { "2.0", "1.4", Now.AddDays(900), MajorStored.AddDays(1), true },
        { "2.0", "2.0", Now.AddDays(900), MajorStored.AddDays(1), false },
    };

    [Theory]
    [MemberData(nameof(RenewalCases))]
    public void ACountingCompletion_IsOpenForRenewal_WithinTheWindow_OrWhenOfAnEarlierMajor(string current, string completed, DateTime? expires, DateTime now, bool open) =>
        Assert.Equal(open, CountingCompletion.OpenForRenewal(new CompletionFact("m", completed, new DateTime(2025, 1, 1), expires), Module(current), now));
}
