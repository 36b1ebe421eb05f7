using Training.Core.Content;
using Training.Core.Gift;

namespace Training.Core.Authoring;

/// <summary>What an image uploaded in the editor must be before it joins a module: its rules and its stored name.</summary>
public static class ModuleImages
{
    /// <summary>The largest image accepted: 5 MB.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>The folder of a module that uploaded images go to.</summary>
    public const string Folder = "bilder";

    /// <summary>
    /// The path an uploaded image is stored at (<c>bilder/name.ext</c>, the name made plain and the extension the one its
    /// bytes are), or a Swedish reason it is refused: not PNG, JPEG or WebP by its bytes (an SVG, or an HTML file named
    /// <c>.png</c>), larger than 5 MB, empty, or a name that cannot be a file name.
    /// </summary>
    public static (string? Path, string? Refusal) Check(string fileName, ReadOnlySpan<byte> bytes)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var written = System.IO.Path.GetFileName(fileName.Replace('\\', '/'));
        if (bytes.Length == 0)
        {
            return (null, $"”{written}” är tom.");
        }
        if (bytes.Length > MaxBytes)
        {
            return (null, $"”{written}” är {bytes.Length / (1024.0 * 1024.0):0.0} MB; en bild får vara högst 5 MB.");
        }
        var extension = ModuleFiles.ImageExtension(bytes);
        if (extension is null or ".gif")
        {
            return (null, written.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)
                ? $"”{written}” är en SVG-bild; SVG kan bära skript och tas inte emot. Spara bilden som PNG, JPEG eller WebP."
                : $"”{written}” är inte en PNG-, JPEG- eller WebP-bild (filens innehåll avgör, inte namnet).");
        }
        string name;
        try
        {
            name = MoodleXmlReader.SafeName(written);
        }
        catch (MoodleXmlException)
        {
            return (null, $"”{written}” kan inte användas som filnamn; byt namn på filen.");
        }
        var stem = System.IO.Path.GetFileNameWithoutExtension(name);
        return ($"{Folder}/{(stem.Length == 0 ? "bild" : stem)}{extension}", null);
    }
}
