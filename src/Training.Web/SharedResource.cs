namespace Training.Web;

/// <summary>The one resource set for UI strings: the Swedish text is the key, English is in Resources/SharedResource.en.resx.</summary>
#pragma warning disable CA1052 // a marker type for IStringLocalizer<T>
public sealed class SharedResource;
#pragma warning restore CA1052
