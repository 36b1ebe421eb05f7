namespace Training.Web.Tests.Infrastructure;

/// <summary>Process-wide environment variables for a test, restored when it ends.</summary>
public sealed class EnvironmentVariables : IDisposable
{
    private readonly Dictionary<string, string?> previous = [];

    public EnvironmentVariables(IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values)
        {
            previous[name] = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    public void Dispose()
    {
        foreach (var (name, value) in previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}

/// <summary>Tests that set process-wide environment variables run alone, never beside another collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "environment";
}
