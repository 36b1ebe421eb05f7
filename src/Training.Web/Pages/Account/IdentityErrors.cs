using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Training.Web.Pages.Account;

/// <summary>Puts Identity's errors beside the field they are about: password errors at the new password, the rest on the form.</summary>
public static class IdentityErrors
{
    public static void AddTo(ModelStateDictionary modelState, IdentityResult result, string? wrongPasswordField = null)
    {
        foreach (var error in result.Errors)
        {
            var field = error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) && wrongPasswordField is not null ? wrongPasswordField
                : error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password"
                : string.Empty;
            modelState.AddModelError(field, error.Description);
        }
    }
}
