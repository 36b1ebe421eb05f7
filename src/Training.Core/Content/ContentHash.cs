using System.Security.Cryptography;
using System.Text;

namespace Training.Core.Content;

/// <summary>
/// The content hash of a module (design §3): hex SHA-256 over its files, taken in ordinal order of their
/// relative paths ('/' separated). Each file contributes its path, a NUL, its length, a NUL and its bytes;
/// text files have CRLF and CR normalised to LF first, so a checkout on Windows hashes the same.
/// </summary>
public static class ContentHash
{
    private static readonly HashSet<string> TextExtensions =
        new(StringComparer.OrdinalIgnoreCase) { ".md", ".gift", ".yml", ".yaml", ".txt", ".svg", ".csv", ".json" };

    /// <summary>Hashes a module folder (its files as <see cref="ModuleFolder.List"/> finds them).</summary>
    public static string Compute(string folder) => Compute(folder, ModuleFolder.List(folder, "").Files);

    /// <summary>
    /// Hashes the listed files of a module folder (sorted relative paths); a file that cannot be read throws
    /// <see cref="ModuleFileException"/>.
    /// </summary>
    public static string Compute(string folder, IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        return Compute(files.ToDictionary(f => f, f => ModuleFolder.ReadBytes(folder, f), StringComparer.Ordinal));
    }

    /// <summary>Hashes a module's files held in memory (relative path → bytes), as <see cref="Compute(string)"/> hashes a folder.</summary>
    public static string Compute(IReadOnlyDictionary<string, byte[]> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var relative in files.Keys.Order(StringComparer.Ordinal))
        {
            var bytes = files[relative];
            if (TextExtensions.Contains(Path.GetExtension(relative)))
            {
                bytes = NormaliseLineEndings(bytes);
            }
            hash.AppendData(Encoding.UTF8.GetBytes(relative));
            hash.AppendData([0]);
            hash.AppendData(Encoding.ASCII.GetBytes(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            hash.AppendData([0]);
            hash.AppendData(bytes);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Turns CRLF and lone CR into LF.</summary>
    public static byte[] NormaliseLineEndings(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)'\r') < 0)
        {
            return bytes;
        }
        var result = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\r')
            {
                result.Add((byte)'\n');
                if (i + 1 < bytes.Length && bytes[i + 1] == '\n')
                {
                    i++;
                }
            }
            else
            {
                result.Add(bytes[i]);
            }
        }
        return [.. result];
    }
}
