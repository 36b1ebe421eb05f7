using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Training.Web.Pages.Hr;

/// <summary>An HR upload (employees, past completions): present, at most <see cref="ImportModel.MaxFileBytes"/>, read whole.</summary>
public static class UploadedFile
{
    /// <summary>Adds the reason to <paramref name="field"/> when the upload is missing or too large.</summary>
    public static void Check(ModelStateDictionary state, string field, IFormFile? upload, IStringLocalizer t)
    {
        if (upload is null || upload.Length == 0)
        {
            state.AddModelError(field, t["Välj en fil att ladda upp."]);
        }
        else if (upload.Length > ImportModel.MaxFileBytes)
        {
            state.AddModelError(field, t["Filen är större än 10 MB. Dela upp den i flera filer och importera dem var för sig."]);
        }
    }

    public static async Task<byte[]> ReadAsync(IFormFile upload, CancellationToken cancellationToken)
    {
        var file = new byte[upload.Length];
        await using var stream = upload.OpenReadStream();
        await stream.ReadExactlyAsync(file, cancellationToken);
        return file;
    }
}
