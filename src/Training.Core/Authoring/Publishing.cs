using System.Text.RegularExpressions;
using Training.Core.Content;

namespace Training.Core.Authoring;

/// <summary>How a trainer publishes a draft: a correction (minor) or a change learners must complete again (major).</summary>
public enum PublishKind
{
    /// <summary>Corrections: earlier completions of the major version keep counting.</summary>
    Minor,

    /// <summary>Learners must complete the module again after the grace period.</summary>
    Major,
}

/// <summary>The version numbers a publish gives, and the front matter it writes them into.</summary>
public static partial class Publishing
{
    /// <summary>The version a publish creates: 1.0 for a new module, else the next minor or the next major.</summary>
    public static ModuleVersionNumber Next(ModuleVersionNumber? current, PublishKind kind) => current is not { } now
        ? new ModuleVersionNumber(1, 0)
        : kind == PublishKind.Major ? new ModuleVersionNumber(now.Major + 1, 0) : new ModuleVersionNumber(now.Major, now.Minor + 1);

    /// <summary>
    /// The number a changed module in content/ is stored as. The number its front matter declares when that is above
    /// every stored version of the module; otherwise (the browser published past it, or the files changed without a
    /// bump) the next number above the highest stored one: a new major when the declared major is above the major the
    /// files declared when they were last stored (the author meant a major change), else the next minor.
    /// </summary>
    /// <param name="declared">The <c>version</c> in the changed files' front matter.</param>
    /// <param name="highestStored">The highest version stored for the module, whatever its origin; null when none is.</param>
    /// <param name="previouslyDeclared">What the files declared when a version of them was last stored; null when never.</param>
    public static ModuleVersionNumber NumberForChangedFiles(
        ModuleVersionNumber declared, ModuleVersionNumber? highestStored, ModuleVersionNumber? previouslyDeclared)
    {
        if (highestStored is not { } highest || declared > highest)
        {
            return declared;
        }
        var major = previouslyDeclared is { } before && declared.Major > before.Major;
        return Next(highest, major ? PublishKind.Major : PublishKind.Minor);
    }

    /// <summary>
    /// index.md with its front matter's <c>version</c> set to <paramref name="version"/> (quoted), added after the
    /// opening <c>---</c> when it has none; the text is unchanged when it has no front matter.
    /// </summary>
    public static string WithVersion(string indexText, ModuleVersionNumber version)
    {
        ArgumentNullException.ThrowIfNull(indexText);
        var lines = indexText.Split('\n').ToList();
        if (lines.Count == 0 || lines[0].TrimEnd() != "---")
        {
            return indexText;
        }
        var end = lines.FindIndex(1, l => l.TrimEnd() is "---" or "...");
        if (end < 0)
        {
            return indexText;
        }
        var line = $"version: \"{version}\"";
        var at = lines.FindIndex(1, end - 1, l => VersionLine().IsMatch(l));
        if (at >= 0)
        {
            lines[at] = line;
        }
        else
        {
            lines.Insert(1, line);
        }
        return string.Join('\n', lines);
    }

    [GeneratedRegex(@"^version\s*:")]
    private static partial Regex VersionLine();
}
