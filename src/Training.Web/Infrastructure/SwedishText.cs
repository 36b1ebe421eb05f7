using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Training.Web.Infrastructure;

/// <summary>
/// A localizer that always answers in Swedish, the language the resource keys are written in: for text that is stored
/// rather than shown (the audit log is kept in Swedish whatever language the actor reads the site in).
/// </summary>
public sealed class SwedishText : IStringLocalizer
{
    public static readonly SwedishText Instance = new();

    public LocalizedString this[string name] => new(name, name);

    public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.GetCultureInfo("sv-SE"), name, arguments));

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
}
