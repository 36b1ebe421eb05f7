using System.ComponentModel.DataAnnotations;

namespace Training.Web.Pages.Account;

/// <summary>A new password typed twice; length and the common-password list are checked by Identity (PasswordRules).</summary>
public class NewPasswordInput
{
    [Required(ErrorMessage = "Skriv ett lösenord.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Skriv lösenordet en gång till.")]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "Lösenorden är inte lika.")]
    public string ConfirmPassword { get; set; } = "";
}
