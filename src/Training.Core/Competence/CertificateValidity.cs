namespace Training.Core.Competence;

/// <summary>What the public verification of a certificate says about it.</summary>
public enum CertificateValidity
{
    /// <summary>Neither superseded nor expired.</summary>
    Valid,
    /// <summary>Its completion's expiry has passed.</summary>
    Expired,
    /// <summary>A later record (a correction) replaces its completion; that wins over expiry.</summary>
    Superseded,
}

/// <summary>Whether a certificate still stands, as its verification page shows it.</summary>
public static class CertificateRules
{
    /// <summary>
    /// Superseded when another completion names this one in <c>SupersedesId</c>; else expired once
    /// <paramref name="expiresAt"/> (UTC) is reached; else valid. A certificate says what was completed, so the
    /// module's later versions do not change it.
    /// </summary>
    public static CertificateValidity ValidityOf(bool superseded, DateTime? expiresAt, DateTime now) =>
        superseded ? CertificateValidity.Superseded
        : expiresAt is { } expires && expires <= now ? CertificateValidity.Expired
        : CertificateValidity.Valid;
}
