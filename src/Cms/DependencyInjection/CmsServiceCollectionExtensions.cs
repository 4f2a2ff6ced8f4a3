using ChildProtection.Cms.Changes;
using ChildProtection.Cms.Content;
using ChildProtection.Cms.Notifications;
using ChildProtection.Cms.Persistence;
using ChildProtection.Cms.PropertyEditors;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Seeding;
using ChildProtection.Cms.Text;
using ChildProtection.Core.Changes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace ChildProtection.Cms.DependencyInjection;

public static partial class CmsServiceCollectionExtensions
{
    /// <summary>The content engine: schema, content, publishing, the published snapshot and the start-up work.</summary>
    public static IHostApplicationBuilder AddCms(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<CmsOptions>().BindConfiguration(CmsOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var paths = CmsPaths.Resolve(builder.Configuration.GetSection(CmsOptions.Section).Get<CmsOptions>() ?? new CmsOptions(), builder.Environment.ContentRootPath);
        services.AddSingleton(paths);
        var database = DatabaseConnection.FromConfiguration(builder.Configuration, paths.DataPath);
        services.AddSingleton(database);
        AddDatabase(services, database);

        // The one clock of the site. Each module adds it only if missing, because each also runs alone (its tests build
        // their own services, with a fake clock added first) and the site adds none of its own.
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(PropertyEditorCollection.CreateDefault());
        services.AddSingleton(sp => new USyncSchemaReader(sp.GetRequiredService<PropertyEditorCollection>().Aliases).Read(paths.SchemaPath));
        services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.Section).ValidateOnStart();
        services.AddSingleton<PictureSources>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<IEventAggregator, EventAggregator>();
        services.AddScoped<ContentValidator>();
        services.AddScoped<ContentService>();
        services.AddScoped<ContentScheduler>();
        services.AddScoped<ContentTree>();
        services.AddScoped<ContentApprovals>();
        services.AddScoped<DraftPreview>();
        services.AddOptions<Media.MediaOptions>().BindConfiguration(Media.MediaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Media.MediaService>();
        services.AddSingleton<Caching.FileCache>();
        services.AddSingleton<Media.ImageVariants>();
        services.AddSingleton<Media.ImageUrlSigner>();
        services.AddSingleton<Media.ImageCrops>();
        services.AddScoped<ContentSeedImporter>();
        services.AddScoped<RedirectService>();

        services.AddSingleton<PublishedValueStore>();
        services.AddSingleton<PublishedSnapshotService>();
        services.AddSingleton<IPublishedSnapshotAccessor>(sp => sp.GetRequiredService<PublishedSnapshotService>());
        services.AddNotificationHandlers<PublishedSnapshotRefresher>();

        services.AddSingleton<CmsMetrics>();
        services.AddSingleton<ChangeFeed>();
        services.AddSingleton<IChangeFeedHandler, SnapshotChangeFeed>();
        services.AddSingleton<ChangeFeedReader>();
        services.AddSingleton<PublishedSnapshotFile>();

        services.AddHostedService<CmsStartup>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFeedReader>());
        AddSearch(services, paths);
        return builder;
    }

    private static void AddDatabase(IServiceCollection services, DatabaseConnection database)
    {
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            services.AddDbContext<PostgresCmsDbContext>(o => database.Configure(o), optionsLifetime: ServiceLifetime.Singleton);
            services.AddScoped<CmsDbContext>(sp => sp.GetRequiredService<PostgresCmsDbContext>());
        }
        else
        {
            services.AddDbContext<SqliteCmsDbContext>(o => database.Configure(o), optionsLifetime: ServiceLifetime.Singleton);
            services.AddScoped<CmsDbContext>(sp => sp.GetRequiredService<SqliteCmsDbContext>());
            services.AddHostedService<SqliteCheckpointer>();
        }
    }
}
