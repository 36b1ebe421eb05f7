using Microsoft.AspNetCore.Identity;

namespace Training.Web.Accounts;

/// <summary>Identity's messages in Swedish. Duplicate-email and user-name messages do not reveal that an account exists.</summary>
public sealed class SwedishIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"Lösenordet måste vara minst {length} tecken. En fras med flera ord är lätt att minnas." };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "Fel lösenord." };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "Länken är ogiltig eller för gammal. Begär en ny." };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = "E-postadressen är inte giltig." };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = "E-postadressen kan inte användas." };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = "E-postadressen kan inte användas." };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = "E-postadressen kan inte användas som användarnamn." };
    public override IdentityError UserLockoutNotEnabled() => new() { Code = nameof(UserLockoutNotEnabled), Description = "Kontospärr är inte aktiverad." };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "Något gick fel. Försök igen." };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = "Kontot ändrades samtidigt av någon annan. Försök igen." };
}
