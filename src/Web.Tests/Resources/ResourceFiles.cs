using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace ChildProtection.Web.Tests.Resources;

/// <summary>
/// The messages a localizer reads, from the source's .resx files: a feature's marker (<c>ForumText</c>) reads
/// <c>Resources/Features/Forum/ForumText.resx</c> and then the shared file, as <c>FeatureTextLocalizerFactory</c> does.
/// </summary>
internal static class ResourceFiles
{
    public const string Vietnamese = "";
    public const string English = ".en";

    public static string WebSource([CallerFilePath] string here = "") => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "Web"));

    /// <summary>Every message the marker's localizer finds in a language (<see cref="Vietnamese"/> or <see cref="English"/>).</summary>
    public static IReadOnlyDictionary<string, string> ReadBy(Type marker, string language) =>
        Cache.GetOrAdd((marker, language), _ => Merge(marker, language));

    private static readonly ConcurrentDictionary<(Type, string), IReadOnlyDictionary<string, string>> Cache = new();

    private static IReadOnlyDictionary<string, string> Merge(Type marker, string language)
    {
        var messages = Read(marker, language);
        if (marker != typeof(SharedResource))
        {
            foreach (var (key, value) in Read(typeof(SharedResource), language))
            {
                messages.TryAdd(key, value);
            }
        }

        return messages;
    }

    private static Dictionary<string, string> Read(Type marker, string language)
    {
        // The path ResourcesPath = "Resources" gives: the marker's namespace below the project's, as folders.
        var folders = marker.Namespace!["ChildProtection.Web".Length..].Split('.', StringSplitOptions.RemoveEmptyEntries);
        var file = Path.Combine([WebSource(), "Resources", .. folders, marker.Name + language + ".resx"]);
        return XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => ((string?)d.Element("value"))?.Trim() ?? "");
    }
}
