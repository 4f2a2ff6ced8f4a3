namespace ChildProtection.Cms.Publishing;

/// <summary>
/// URLs of published content: the first root is the home page ("/"), the default culture has no prefix and
/// another culture is prefixed with its code ("/en/…"). URLs end with a slash.
/// </summary>
public static class UrlBuilder
{
    public static string Normalize(string url)
    {
        var path = url.Split('?', '#')[0].Trim();
        if (!path.StartsWith('/'))
        {
            path = "/" + path;
        }

        return path.EndsWith('/') ? path.ToLowerInvariant() : path.ToLowerInvariant() + "/";
    }

    public static string Prefix(string culture, string defaultCulture) =>
        culture == defaultCulture ? "/" : $"/{culture}/";
}
