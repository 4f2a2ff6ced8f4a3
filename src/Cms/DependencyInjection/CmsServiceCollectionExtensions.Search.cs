using ChildProtection.Cms.Notifications;
using ChildProtection.Cms.Search;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.DependencyInjection;

public static partial class CmsServiceCollectionExtensions
{
    /// <summary>Search (Examine's role): the external and internal indexes, their upkeep and the searcher.</summary>
    private static void AddSearch(IServiceCollection services, CmsPaths paths)
    {
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.ContentTypeBoosts.Values.All(weight => weight > 0 && float.IsFinite(weight)), "Search:ContentTypeBoosts: every weight must be a number above 0.")
            .ValidateOnStart();
        services.AddSingleton<SearchTextExtractor>();
        services.AddSingleton<PublishedIndexSource>();
        services.AddSingleton<DraftIndexSource>();
        services.AddSingleton(sp =>
        {
            var root = sp.GetRequiredService<IOptions<SearchOptions>>().Value.IndexRoot(paths.DataPath);
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            ContentIndex Index(IndexName name, IContentIndexSource source) =>
                new(name, new LuceneIndex(name.ToString(), root, loggers.CreateLogger<LuceneIndex>()), source, loggers.CreateLogger<ContentIndex>());
            return new SearchIndexes(
                [
                    Index(IndexName.External, sp.GetRequiredService<PublishedIndexSource>()),
                    Index(IndexName.Internal, sp.GetRequiredService<DraftIndexSource>()),
                ],
                sp.GetRequiredService<IHostApplicationLifetime>(),
                loggers.CreateLogger<SearchIndexes>());
        });
        services.AddSingleton(sp => new ContentSearcher(sp.GetRequiredService<SearchIndexes>(), sp.GetRequiredService<IOptions<SearchOptions>>()));

        services.AddNotificationHandlers<SearchIndexUpdaters>();
        services.AddSingleton<ChildProtection.Core.Changes.IChangeFeedHandler, DraftIndexChangeFeed>();

        // After CmsStartup, so that the published snapshot the external index is built from exists.
        services.AddHostedService<SearchStartup>();
    }
}
