namespace Training.Core.Content;

/// <summary>How serious a content problem is: errors make <c>content check</c> fail, warnings do not.</summary>
public enum ProblemSeverity
{
    /// <summary>The file cannot be used as it is.</summary>
    Error,

    /// <summary>The file works, but something is likely a mistake.</summary>
    Warning,
}

/// <summary>One problem found in a content file, reported as <c>path:line: message</c>.</summary>
/// <param name="Path">The file, as the author would type it (relative to where the check started).</param>
/// <param name="Line">The 1-based line the problem starts on; 0 when it concerns the whole file (then <c>path: message</c>).</param>
/// <param name="Message">What is wrong, in Swedish.</param>
/// <param name="Severity">Error or warning.</param>
public sealed record ContentProblem(string Path, int Line, string Message, ProblemSeverity Severity = ProblemSeverity.Error)
{
    /// <summary>The problem as one line: <c>path:line: message</c>, or <c>path: message</c> without a line (warnings say so).</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{Path}:{Line}" : Path;
        return Severity == ProblemSeverity.Warning ? $"{where}: varning: {Message}" : $"{where}: {Message}";
    }
}
