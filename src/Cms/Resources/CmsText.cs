using System.Globalization;
using System.Resources;

namespace ChildProtection.Cms.Resources;

/// <summary>
/// Messages the engine shows to editors, in the current UI culture: Vietnamese by default (the neutral
/// resources), English from <c>CmsMessages.en.resx</c>.
/// </summary>
public static class CmsText
{
    private static readonly ResourceManager Resources =
        new("ChildProtection.Cms.Resources.CmsMessages", typeof(CmsText).Assembly);

    public static string Format(string name, params object?[] args)
    {
        var template = Resources.GetString(name, CultureInfo.CurrentUICulture)
            ?? throw new InvalidOperationException($"Missing message '{name}'.");
        return string.Format(CultureInfo.CurrentCulture, template, args);
    }
}
