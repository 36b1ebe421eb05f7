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

    /// <summary>The module folder's files as sorted relative paths.</summary>
    public static IReadOnlyList<string> ListFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(p => !p.Split('/').Any(segment => segment.StartsWith('.')))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Hashes a module folder.</summary>
    public static string Compute(string folder)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var relative in ListFiles(folder))
        {
            var bytes = File.ReadAllBytes(Path.Combine(folder, relative));
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
