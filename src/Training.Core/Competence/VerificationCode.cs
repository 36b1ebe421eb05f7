using System.Security.Cryptography;

namespace Training.Core.Competence;

/// <summary>
/// A certificate's verification code: 80 random bits as 16 characters of Crockford's base32 (no I, L, O or U, so
/// nothing reads as another letter), shown in groups of four for reading aloud. Stored without the dashes.
/// </summary>
public static class VerificationCode
{
    /// <summary>Characters in a code, without the dashes.</summary>
    public const int Length = 16;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>A new code from the system's cryptographic random source.</summary>
    public static string New()
    {
        Span<byte> bits = stackalloc byte[10];
        RandomNumberGenerator.Fill(bits);
        Span<char> code = stackalloc char[Length];
        ulong buffer = 0;
        var held = 0;
        var written = 0;
        foreach (var b in bits)
        {
            buffer = (buffer << 8) | b;
            held += 8;
            while (held >= 5)
            {
                held -= 5;
                code[written++] = Alphabet[(int)((buffer >> held) & 31)];
            }
        }
        return new string(code);
    }

    /// <summary>The code in groups of four: <c>7K2M-QX9D-…</c>.</summary>
    public static string Grouped(string code) =>
        code.Length != Length ? code : $"{code[..4]}-{code[4..8]}-{code[8..12]}-{code[12..]}";

    /// <summary>
    /// The stored form of a code as someone typed or read it: dashes and spaces dropped, upper case, and the letters
    /// Crockford's base32 reads as digits (O as 0, I and L as 1); null when it cannot be a code.
    /// </summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }
        Span<char> code = stackalloc char[Length];
        var written = 0;
        foreach (var c in typed)
        {
            if (c is '-' or ' ')
            {
                continue;
            }
            var upper = char.ToUpperInvariant(c) switch { 'O' => '0', 'I' or 'L' => '1', var other => other };
            if (written == Length || !Alphabet.Contains(upper))
            {
                return null;
            }
            code[written++] = upper;
        }
        return written == Length ? new string(code) : null;
    }
}
