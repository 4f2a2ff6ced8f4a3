using System.Collections.Concurrent;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Infrastructure;

/// <summary>
/// A feature's localizer (<c>IStringLocalizer&lt;ForumText&gt;</c>, any marker of this project but
/// <see cref="SharedResource"/>) reads its feature's file (<c>Resources/Features/Forum/ForumText.resx</c>) and then the
/// shared one: a page that uses its feature's messages and a few of the layout's needs one localizer, and a message
/// several features use is kept once, in the shared file.
/// </summary>
internal sealed class FeatureTextLocalizerFactory(ResourceManagerStringLocalizerFactory files) : IStringLocalizerFactory
{
    private readonly ConcurrentDictionary<Type, IStringLocalizer> _features = new();

    public IStringLocalizer Create(Type resourceSource) =>
        resourceSource.Assembly != typeof(SharedResource).Assembly || resourceSource == typeof(SharedResource)
            ? files.Create(resourceSource)
            : _features.GetOrAdd(resourceSource, feature => new WithSharedFallback(files.Create(feature), files.Create(typeof(SharedResource))));

    public IStringLocalizer Create(string baseName, string location) => files.Create(baseName, location);

    private sealed class WithSharedFallback(IStringLocalizer feature, IStringLocalizer shared) : IStringLocalizer
    {
        public LocalizedString this[string name] => feature[name] is { ResourceNotFound: false } found ? found : shared[name];

        public LocalizedString this[string name, params object[] arguments] =>
            feature[name, arguments] is { ResourceNotFound: false } found ? found : shared[name, arguments];

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures)
        {
            var own = feature.GetAllStrings(includeParentCultures).ToList();
            var names = own.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
            return own.Concat(shared.GetAllStrings(includeParentCultures).Where(s => !names.Contains(s.Name)));
        }
    }
}
