using Training.Core.Competence;

namespace Training.Core.Tests.Competence;

public class CertificateRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(false, null, CertificateValidity.Valid)]              // never expires
    [InlineData(false, 1, CertificateValidity.Valid)]                 // a second before expiry
    [InlineData(false, 0, CertificateValidity.Expired)]               // the moment of expiry
    [InlineData(false, -86_400, CertificateValidity.Expired)]
    [InlineData(true, null, CertificateValidity.Superseded)]
    [InlineData(true, -86_400, CertificateValidity.Superseded)]       // superseded wins over expired
    [InlineData(true, 86_400, CertificateValidity.Superseded)]
    public void Validity_is_superseded_then_expired_then_valid(bool superseded, int? secondsToExpiry, CertificateValidity expected)
    {
        DateTime? expiresAt = secondsToExpiry is { } seconds ? Now.AddSeconds(seconds) : null;

        Assert.Equal(expected, CertificateRules.ValidityOf(superseded, expiresAt, Now));
    }
}
