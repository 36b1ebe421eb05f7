using Training.Core.Content;

namespace Training.Core.Agencies;

/// <summary>An agency as described in <c>content/agencies.yml</c>: the seed for the database on first start.</summary>
/// <param name="Code">Short, stable code (<c>polisen</c>).</param>
/// <param name="Name">Full name.</param>
/// <param name="Domains">Email domains whose addresses belong to the agency.</param>
/// <param name="Units">Organisational units (may be empty).</param>
/// <param name="JobRoles">Job roles, by code and name.</param>
public sealed record AgencySeed(string Code, string Name, IReadOnlyList<string> Domains, IReadOnlyList<string> Units, IReadOnlyList<JobRoleSeed> JobRoles);

/// <summary>A job role within an agency.</summary>
/// <param name="Code">Stable code (<c>utredare</c>).</param>
/// <param name="Name">Name shown to people.</param>
public sealed record JobRoleSeed(string Code, string Name);

/// <summary>Reads and checks <c>agencies.yml</c>.</summary>
public static class AgencyCatalogue
{
    private static readonly HashSet<string> Keys =
        ["agencies", "agencies.code", "agencies.name", "agencies.domains", "agencies.units", "agencies.job_roles", "agencies.job_roles.code", "agencies.job_roles.name"];

    private sealed class AgencyFile
    {
        public List<AgencyEntry>? Agencies { get; set; }
    }

    private sealed class AgencyEntry
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public List<string>? Domains { get; set; }
        public List<string>? Units { get; set; }
        public List<JobRoleEntry>? JobRoles { get; set; }
    }

    private sealed class JobRoleEntry
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
    }

    /// <summary>Reads the file; problems name the file and line. Agencies with problems are left out.</summary>
    public static (IReadOnlyList<AgencySeed> Agencies, IReadOnlyList<ContentProblem> Problems) Read(string text, string path)
    {
        var problems = new List<ContentProblem>();
        var (file, _) = Yaml.Read<AgencyFile>(text, path, 0, Keys, problems, walkSequences: true);
        var agencies = new List<AgencySeed>();
        if (file?.Agencies is not { Count: > 0 } entries)
        {
            if (problems.Count == 0)
            {
                problems.Add(new ContentProblem(path, 1, "filen saknar 'agencies' med minst en myndighet."));
            }
            return (agencies, problems);
        }
        var lines = text.Split('\n');
        int LineOf(string needle) => Math.Max(1, Array.FindIndex(lines, l => l.Contains(needle, StringComparison.Ordinal)) + 1);
        var seenDomains = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
        {
            var before = problems.Count;
            var code = entry.Code?.Trim() ?? "";
            var line = code.Length > 0 ? LineOf("code: " + code) : 1;
            if (!ModuleIds.IsValid(code))
            {
                problems.Add(new ContentProblem(path, line, $"myndighetskoden '{code}' får bara innehålla a–z, 0–9 och bindestreck."));
            }
            if (agencies.Any(a => a.Code == code))
            {
                problems.Add(new ContentProblem(path, line, $"myndighetskoden '{code}' finns redan."));
            }
            if (string.IsNullOrWhiteSpace(entry.Name))
            {
                problems.Add(new ContentProblem(path, line, $"myndigheten '{code}' saknar namn ('name')."));
            }
            var domains = (entry.Domains ?? []).Select(d => d.Trim().ToLowerInvariant()).ToList();
            if (domains.Count == 0)
            {
                problems.Add(new ContentProblem(path, line, $"myndigheten '{code}' saknar e-postdomäner ('domains')."));
            }
            foreach (var domain in domains)
            {
                if (!EmailDomains.IsValidDomain(domain))
                {
                    problems.Add(new ContentProblem(path, LineOf(domain), $"'{domain}' är ingen giltig e-postdomän."));
                }
                else if (!seenDomains.TryAdd(domain, code))
                {
                    problems.Add(new ContentProblem(path, LineOf(domain), $"domänen '{domain}' hör redan till '{seenDomains[domain]}'."));
                }
            }
            var roles = (entry.JobRoles ?? []).Select(r => new JobRoleSeed(r.Code?.Trim() ?? "", r.Name?.Trim() ?? "")).ToList();
            foreach (var role in roles.Where(r => !ModuleIds.IsValid(r.Code) || r.Name.Length == 0))
            {
                problems.Add(new ContentProblem(path, line, $"en befattning hos '{code}' saknar giltig kod eller namn ('{role.Code}')."));
            }
            if (problems.Count == before)
            {
                agencies.Add(new AgencySeed(code, entry.Name!.Trim(), domains, (entry.Units ?? []).Select(u => u.Trim()).Where(u => u.Length > 0).ToList(), roles));
            }
        }
        return (agencies, problems);
    }
}

/// <summary>The rules for email addresses and their domains: which agency an address belongs to follows from its domain.</summary>
public static class EmailDomains
{
    /// <summary>The domain part of an address, lower case; null when the address is not a plain <c>local@domain</c>.</summary>
    public static string? DomainOf(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }
        var trimmed = email.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at != trimmed.IndexOf('@', StringComparison.Ordinal) || at == trimmed.Length - 1 || trimmed.Any(char.IsWhiteSpace))
        {
            return null;
        }
        var domain = trimmed[(at + 1)..].ToLowerInvariant();
        return IsValidDomain(domain) ? domain : null;
    }

    /// <summary>A host name with at least two labels of letters, digits and hyphens.</summary>
    public static bool IsValidDomain(string domain)
    {
        var labels = domain.Split('.');
        return domain.Length <= 253 && labels.Length >= 2
            && labels.All(l => l.Length is > 0 and <= 63 && l[0] != '-' && l[^1] != '-' && l.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));
    }
}
