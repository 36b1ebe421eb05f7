namespace Training.Core.Content;

/// <summary>The YAML front matter of a module's <c>index.md</c> (design §3). Unknown keys are errors.</summary>
public sealed class ModuleFrontMatter
{
    /// <summary>Stable, lowercase id, never reused.</summary>
    public string? Id { get; set; }

    /// <summary>The module's title.</summary>
    public string? Title { get; set; }

    /// <summary><c>major.minor</c>, quoted in YAML.</summary>
    public string? Version { get; set; }

    /// <summary>One or two sentences for the catalogue.</summary>
    public string? Summary { get; set; }

    /// <summary>The language of the text (<c>sv</c> by default).</summary>
    public string? Language { get; set; }

    /// <summary>Honest reading time in minutes.</summary>
    public int? EstimatedMinutes { get; set; }

    /// <summary>How long a completion counts; null for "never expires".</summary>
    public int? ValidForMonths { get; set; }

    /// <summary>The graded quiz's settings; null when the module has no quiz settings.</summary>
    public QuizSettings? Quiz { get; set; }

    /// <summary>The sources the text is written from.</summary>
    public List<string>? Sources { get; set; }
}

/// <summary>How a module's graded quiz is run.</summary>
public sealed class QuizSettings
{
    /// <summary>The score in percent needed to pass (1–100).</summary>
    public int PassMark { get; set; } = 80;

    /// <summary>How many questions are drawn per attempt; null draws the whole pool.</summary>
    public int? Questions { get; set; }

    /// <summary>Submitted attempts allowed within <see cref="CooldownHours"/>; null for unlimited.</summary>
    public int? MaxAttempts { get; set; }

    /// <summary>The window that <see cref="MaxAttempts"/> counts within.</summary>
    public int? CooldownHours { get; set; }
}

/// <summary>A learning path: <c>content/tracks/&lt;id&gt;.yml</c>.</summary>
public sealed class TrackFile
{
    /// <summary>The track's id.</summary>
    public string? Id { get; set; }

    /// <summary>The track's title.</summary>
    public string? Title { get; set; }

    /// <summary>Who the track is for and what it covers.</summary>
    public string? Description { get; set; }

    /// <summary>Module ids in order.</summary>
    public List<string>? Modules { get; set; }

    /// <summary>Where the track stands among the tracks (lowest first); tracks without one come last.</summary>
    public int? Order { get; set; }
}
