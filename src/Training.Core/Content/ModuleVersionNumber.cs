using System.Globalization;
using System.Text.RegularExpressions;

namespace Training.Core.Content;

/// <summary>A module version, <c>major.minor</c>. A major bump means earlier completions no longer count.</summary>
public readonly partial record struct ModuleVersionNumber(int Major, int Minor) : IComparable<ModuleVersionNumber>
{
    /// <summary>Reads <c>major.minor</c>; false for anything else.</summary>
    public static bool TryParse(string? text, out ModuleVersionNumber version)
    {
        version = default;
        var match = text is null ? null : Pattern().Match(text);
        if (match is not { Success: true })
        {
            return false;
        }
        version = new ModuleVersionNumber(
            int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
        return true;
    }

    /// <inheritdoc />
    public int CompareTo(ModuleVersionNumber other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    /// <summary>Orders versions.</summary>
    public static bool operator <(ModuleVersionNumber left, ModuleVersionNumber right) => left.CompareTo(right) < 0;

    /// <summary>Orders versions.</summary>
    public static bool operator >(ModuleVersionNumber left, ModuleVersionNumber right) => left.CompareTo(right) > 0;

    /// <summary>Orders versions.</summary>
    public static bool operator <=(ModuleVersionNumber left, ModuleVersionNumber right) => left.CompareTo(right) <= 0;

    /// <summary>Orders versions.</summary>
    public static bool operator >=(ModuleVersionNumber left, ModuleVersionNumber right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    [GeneratedRegex(@"^(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})$")]
    private static partial Regex Pattern();
}
