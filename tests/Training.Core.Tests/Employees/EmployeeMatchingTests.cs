using Training.Core.Employees;

namespace Training.Core.Tests.Employees;

public class EmployeeMatchingTests
{
    private const int Polisen = 1;
    private const int Aklagare = 2;

    private static readonly DateOnly Start = new(2020, 1, 15);

    private static EmployeeRecord Record(int row = 2, string number = "E1", string name = "Anna Berg", string email = "anna@polisen.se", int? unitId = 5, int jobRoleId = 10) =>
        new(row, number, name, email, unitId, jobRoleId, Start);

    private static ExistingPerson Person(string id, string? number, string email, int agencyId = Polisen, string name = "Anna Berg", int? unitId = 5) =>
        new(id, agencyId, number, email, name, unitId, 10, Start);

    private static ImportPlan Plan(IReadOnlyList<EmployeeRecord> records, params ExistingPerson[] people) =>
        EmployeeMatching.Plan(records, Polisen,
            number => people.FirstOrDefault(p => p.AgencyId == Polisen && p.EmployeeNumber == number),
            email => people.FirstOrDefault(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase)));

    [Fact]
    public void NoOneMatches_MakesANewPerson()
    {
        var row = Assert.Single(Plan([Record()]).Rows);

        Assert.Equal(RowOutcome.New, row.Outcome);
        Assert.Null(row.Person);
    }

    [Fact]
    public void TheEmployeeNumber_MatchesFirst_AndAChangedAddressUpdatesThatPerson()
    {
        var plan = Plan([Record(email: "anna.berg@polisen.se")], Person("a", "E1", "anna@polisen.se"));

        var row = Assert.Single(plan.Rows);
        Assert.Equal(RowOutcome.Changed, row.Outcome);
        Assert.Equal("a", row.Person?.Id);
    }

    [Fact]
    public void WithoutANumberMatch_TheAddressMatches_CaseInsensitively_AndGivesThePersonTheNumber()
    {
        var plan = Plan([Record(email: "ANNA@polisen.se")], Person("a", null, "anna@polisen.se"));

        var row = Assert.Single(plan.Rows);
        Assert.Equal(RowOutcome.Changed, row.Outcome);
        Assert.Equal("a", row.Person?.Id);
    }

    [Fact]
    public void TheSameValues_AreUnchanged_AndAnEmptyUnitKeepsTheStoredOne()
    {
        var plan = Plan([Record(row: 2), Record(row: 3, number: "E2", email: "bo@polisen.se", unitId: null)],
            Person("a", "E1", "anna@polisen.se"), Person("b", "E2", "bo@polisen.se"));

        Assert.Equal([RowOutcome.Unchanged, RowOutcome.Unchanged], plan.Rows.Select(r => r.Outcome));
    }

    [Fact]
    public void AnAddressOfAPersonInAnotherAgency_IsRefused_NeverAMove()
    {
        var elsewhere = Person("x", "E1", "anna@polisen.se", Aklagare);

        var plan = Plan([Record(row: 2), Record(row: 3, number: "E9", email: "bo@polisen.se")], elsewhere, Person("b", "E9", "bo.old@polisen.se"));

        Assert.Equal(["rad 2: e-postadressen används av ett konto hos en annan myndighet"], plan.Errors.Select(e => e.ToString()));
        Assert.Equal(["b"], plan.Rows.Select(r => r.Person?.Id));

        var throughNumber = Plan([Record(number: "E9")], elsewhere, Person("b", "E9", "bo@polisen.se"));
        Assert.Equal(["rad 2: e-postadressen används av ett konto hos en annan myndighet"], throughNumber.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void AnAddressOfAnotherEmployee_IsRefused()
    {
        var plan = Plan([Record(number: "E1", email: "bo@polisen.se")], Person("a", "E1", "anna@polisen.se"), Person("b", "E2", "bo@polisen.se"));

        Assert.Equal(["rad 2: e-postadressen används redan av en annan medarbetare"], plan.Errors.Select(e => e.ToString()));
        Assert.Empty(plan.Rows);
    }

    [Fact]
    public void AnAddressWhoseOwnerHasAnotherNumber_IsRefused_InsteadOfRenumberingThem()
    {
        var plan = Plan([Record(number: "E7")], Person("a", "E1", "anna@polisen.se"));

        Assert.Equal(["rad 2: e-postadressen hör till medarbetaren med anställningsnummer E1"], plan.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void TwoRowsThatReachTheSamePerson_RefuseTheSecond()
    {
        // EmployeeRows.Check refuses such a file already; the plan does not rely on it.
        var plan = Plan([Record(row: 2), Record(row: 3, name: "Anna Bergström")], Person("a", "E1", "anna@polisen.se"));

        Assert.Equal([2], plan.Rows.Select(r => r.Record.Row));
        Assert.Equal(["rad 3: raden gäller samma person som rad 2"], plan.Errors.Select(e => e.ToString()));
    }

    [Theory]
    [InlineData("E1", "Anna Berg", "anna@polisen.se", 5, 10, false)]
    [InlineData("E1", "Anna Berg", "anna@polisen.se", null, 10, false)]
    [InlineData("E1", "Anna Bergström", "anna@polisen.se", 5, 10, true)]
    [InlineData("E1", "Anna Berg", "Anna@polisen.se", 5, 10, true)]
    [InlineData("E1", "Anna Berg", "anna@polisen.se", 6, 10, true)]
    [InlineData("E1", "Anna Berg", "anna@polisen.se", 5, 11, true)]
    public void Differs_ComparesEveryImportedField(string number, string name, string email, int? unitId, int jobRoleId, bool differs) =>
        Assert.Equal(differs, EmployeeMatching.Differs(Person("a", "E1", "anna@polisen.se"), new EmployeeRecord(2, number, name, email, unitId, jobRoleId, Start)));
}
