using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Training.Web.Tests.Infrastructure;

/// <summary>
/// RFC 6238 time-based codes as an authenticator app computes them: HMAC-SHA1 over the 30-second step count,
/// dynamic truncation (RFC 4226), six digits, from a base32 key. Identity checks a code against the system clock
/// (DateTime.UtcNow), not the site's TimeProvider, so codes are computed for the real time even on a fake-clock site.
/// </summary>
public static class Totp
{
    /// <summary>The code an app shows now.</summary>
    public static string Code(string base32Key) => Code(base32Key, DateTimeOffset.UtcNow);

    public static string Code(string base32Key, DateTimeOffset at) => CodeForStep(FromBase32(base32Key), StepOf(at));

    /// <summary>
    /// Six digits that are none of the codes Identity accepts around now (it allows two steps either way; three are
    /// excluded here), so the code is wrong whenever it reaches the site.
    /// </summary>
    public static string WrongCode(string base32Key)
    {
        var key = FromBase32(base32Key);
        var step = StepOf(DateTimeOffset.UtcNow);
        var near = Enumerable.Range(-3, 7).Select(i => CodeForStep(key, step + i)).ToHashSet(StringComparer.Ordinal);
        var candidate = 123456;
        while (near.Contains(candidate.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)))
        {
            candidate = (candidate + 111111) % 1_000_000;
        }
        return candidate.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static long StepOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 30;

    private static string CodeForStep(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // SHA-1 is what RFC 6238 and the authenticator apps use
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset, 4)) & 0x7fffffff) % 1_000_000;
        return binary.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base32 (A–Z, 2–7), spaces and padding ignored, case-insensitive.</summary>
    public static byte[] FromBase32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in text.ToUpperInvariant())
        {
            if (c is ' ' or '=')
            {
                continue;
            }
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"'{c}' hör inte till base32.");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }
        return [.. bytes];
    }
}
