namespace Training.Web.Data;

/// <summary>
/// A signed-in session kept on the server; the cookie carries only its key. Removing the row ends the session at
/// once (sign-out, deactivation, password change), so a copied cookie cannot be replayed.
/// </summary>
public class AuthSession
{
    /// <summary>SHA-256 of the cookie's session key, hex: the database never holds a usable key.</summary>
    public required string KeyHash { get; set; }
    public required string UserId { get; set; }
    public required byte[] Ticket { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
}
