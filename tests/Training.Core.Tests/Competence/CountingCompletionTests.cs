using Training.Core.Competence;
using Training.Core.Content;

namespace Training.Core.Tests.Competence;

public class CountingCompletionTests
{
    private static readonly DateTime MajorStored = new(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    private static CurrentModule Module(string version) =>
        new("m", ModuleVersionNumber.TryParse(version, out var v) ? v : throw new ArgumentException(version), MajorStored);

    private static CompletionFact Done(string version, DateTime at, DateTime? expires = null, string module = "m") => new(module, version, at, expires);

    public static TheoryData<string, string, DateTime, DateTime, bool> Cases => new()
    {
        // completed version, current version, completed at, now, counts
        { "1.0", "1.0", new(2025, 6, 1), new(2026, 6, 1), true },
        { "1.0", "1.1", new(2025, 6, 1), new(2026, 6, 1), true },   // a minor bump changes nothing
        { "1.0", "1.7", new(2025, 6, 1), new(2030, 6, 1), true },   // nor does time, without a major bump
        { "1.3", "2.0", new(2025, 6, 1), MajorStored, true },        // a major bump: the grace begins
        { "1.3", "2.0", new(2025, 6, 1), MajorStored.AddDays(90).AddTicks(-1), true }, // last moment of the grace
        { "1.3", "2.0", new(2025, 6, 1), MajorStored.AddDays(90), false },              // grace end
        { "1.3", "2.0", new(2025, 6, 1), MajorStored.AddDays(400), false },
        { "2.0", "2.4", new(2026, 3, 2), MajorStored.AddDays(400), true },
        { "3.0", "2.0", new(2026, 3, 2), MajorStored.AddDays(400), true },             // content rolled back: nobody loses it
        { "x", "1.0", new(2025, 6, 1), new(2026, 6, 1), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Counts_FollowsTheMajorVersionAndTheGracePeriod(string completed, string current, DateTime at, DateTime now, bool counts) =>
        Assert.Equal(counts, CountingCompletion.Counts(Done(completed, at), Module(current), now));

    [Fact]
    public void Counts_IsFalse_ForAnotherModule() =>
        Assert.False(CountingCompletion.Counts(Done("1.0", new(2025, 6, 1), module: "other"), Module("1.0"), new(2026, 6, 1)));

    [Fact]
    public void Counts_UsesTheRequirementsGracePeriod()
    {
        var completion = Done("1.0", new(2025, 6, 1));
        Assert.True(CountingCompletion.Counts(completion, Module("2.0"), MajorStored.AddDays(100), graceDays: 120));
        Assert.False(CountingCompletion.Counts(completion, Module("2.0"), MajorStored.AddDays(120), graceDays: 120));
    }

    [Fact]
    public void Latest_IsTheLatestCountingCompletion_WhateverTheMinorVersionOrOrder()
    {
        var first = Done("1.0", new(2025, 1, 1));
        var latest = Done("1.1", new(2025, 9, 1));
        var middle = Done("1.2", new(2025, 5, 1));
        Assert.Same(latest, CountingCompletion.Latest([first, latest, middle], Module("1.3"), new(2026, 1, 1)));
    }

    [Fact]
    public void Latest_PrefersANewerCompletionOfTheNewMajor_DuringTheGrace()
    {
        var old = Done("1.0", new(2025, 1, 1));
        var renewed = Done("2.0", MajorStored.AddDays(3));
        Assert.Same(renewed, CountingCompletion.Latest([renewed, old], Module("2.0"), MajorStored.AddDays(10)));
    }

    [Fact]
    public void Latest_IsNull_AfterTheGrace_WhenOnlyAnEarlierMajorWasCompleted() =>
        Assert.Null(CountingCompletion.Latest([Done("1.0", new(2025, 1, 1))], Module("2.0"), MajorStored.AddDays(90)));

    [Fact]
    public void Latest_IgnoresTheContentHash_ASameVersionChangedWithoutABumpCountsTheSame()
    {
        // The rule reads module id and version only: two stored versions "1.0" with different hashes are one version to it.
        var completion = Done("1.0", new(2025, 1, 1));
        Assert.Same(completion, CountingCompletion.Latest([completion], Module("1.0") with { MajorSince = new(2026, 5, 1) }, new(2026, 6, 1)));
    }

    [Fact]
    public void ValidUntil_OfAnEarlierMajor_IsTheGraceEnd_OrTheExpiryIfSooner()
    {
        Assert.Equal(MajorStored.AddDays(90), CountingCompletion.ValidUntil(Done("1.0", new(2025, 1, 1), new(2027, 1, 1)), Module("2.0")));
        Assert.Equal(MajorStored.AddDays(90), CountingCompletion.ValidUntil(Done("1.0", new(2025, 1, 1)), Module("2.0")));
        Assert.Equal(new DateTime(2026, 4, 1), CountingCompletion.ValidUntil(Done("1.0", new(2025, 1, 1), new(2026, 4, 1)), Module("2.0")));
        Assert.Equal(new DateTime(2027, 1, 1), CountingCompletion.ValidUntil(Done("2.0", new(2026, 3, 2), new(2027, 1, 1)), Module("2.1")));
        Assert.Null(CountingCompletion.ValidUntil(Done("2.0", new(2026, 3, 2)), Module("2.1")));
    }

    [Fact]
    public void Valid_IsTheCountingCompletion_UntilItExpiresOrItsGraceEnds()
    {
        var expiring = Done("1.0", new(2025, 1, 1), new(2026, 1, 1));
        Assert.Same(expiring, CountingCompletion.Valid([expiring], c => c, Module("1.1"), new DateTime(2026, 1, 1).AddTicks(-1)));
        Assert.Null(CountingCompletion.Valid([expiring], c => c, Module("1.1"), new(2026, 1, 1)));
        var lasting = Done("1.0", new(2025, 1, 1));
        Assert.Same(lasting, CountingCompletion.Valid([lasting], c => c, Module("2.0"), MajorStored.AddDays(90).AddTicks(-1)));
        Assert.Null(CountingCompletion.Valid([lasting], c => c, Module("2.0"), MajorStored.AddDays(90)));
    }
}
