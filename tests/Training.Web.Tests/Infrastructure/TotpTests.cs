namespace Training.Web.Tests.Infrastructure;

/// <summary>The test helper itself must compute what an app computes, or the two-factor tests prove nothing.</summary>
public class TotpTests
{
    // RFC 6238 appendix B, SHA-1 key "12345678901234567890" (base32 below); the 8-digit codes' last six digits.
    [Theory]
    [InlineData(59, "287082")]
    [InlineData(1111111109, "081804")]
    [InlineData(1234567890, "005924")]
    [InlineData(2000000000, "279037")]
    public void Code_MatchesTheRfc6238TestVectors(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    [Fact]
    public void WrongCode_IsNoneOfTheCodesAcceptedAroundNow()
    {
        const string Key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        var now = DateTimeOffset.UtcNow;

        var wrong = Totp.WrongCode(Key);

        Assert.Matches("^[0-9]{6}$", wrong);
        Assert.DoesNotContain(wrong, Enumerable.Range(-2, 5).Select(i => Totp.Code(Key, now.AddSeconds(30 * i))));
    }
}
