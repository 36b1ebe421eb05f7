namespace Training.Web.Data;

/// <summary>A tenant: every person belongs to exactly one agency, and what HR sees stops at its boundary.</summary>
public class Agency
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>Months after leaving before a person is anonymised; null keeps them (the default).</summary>
    public int? RetentionMonths { get; set; }
    public List<AgencyDomain> Domains { get; set; } = [];
    public List<Unit> Units { get; set; } = [];
    public List<JobRole> JobRoles { get; set; } = [];
}

/// <summary>An email domain; an address in it belongs to the agency (registration and import).</summary>
public class AgencyDomain
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public required string Domain { get; set; }
}

public class Unit
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
    public required string Name { get; set; }

    /// <summary>The managers who answer for this unit.</summary>
    public List<ManagerUnit> Managers { get; set; } = [];
}

public class JobRole
{
    public int Id { get; set; }
    public int AgencyId { get; set; }
    public Agency Agency { get; set; } = null!;
    public required string Code { get; set; }
    public required string Name { get; set; }
}
