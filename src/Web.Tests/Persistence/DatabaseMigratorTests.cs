using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ChildProtection.Web.Tests.Persistence;

public sealed class DatabaseMigratorTests
{
    [Fact]
    public void Start_DatabaseFromBeforeTheSquash_RefusedWithAMessage()
    {
        using var site = new SiteFactory();
        Directory.CreateDirectory(site.DataPath);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(site.DataPath, "childprotection.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE \"__EFMigrationsHistory\" (\"MigrationId\" TEXT PRIMARY KEY, \"ProductVersion\" TEXT NOT NULL); CREATE TABLE cmsNode (Id INTEGER PRIMARY KEY);";
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        var refused = Assert.ThrowsAny<Exception>(() => site.ServerAddress);

        Assert.Contains("empty data folder", refused.GetBaseException().Message);
    }
}

/// <summary>
/// Every context's model, on each provider, is what its migrations build: a model change without its migration fails
/// here. The site does not compare them on each start (that costs a third of a first start), so this is where it is caught.
/// </summary>
public sealed class MigrationsMatchModelTests
{
    public static TheoryData<Type> DesignTimeFactories() => new(
        new[] { typeof(ChildProtection.Cms.Persistence.CmsDbContext), typeof(ChildProtection.Training.Persistence.TrainingDbContext), typeof(ChildProtection.Concerns.Persistence.ConcernsDbContext), typeof(ChildProtection.Web.Persistence.SiteDbContext) }
            .SelectMany(context => context.Assembly.GetTypes())
            .Where(type => type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>)))
            .OrderBy(type => type.Name));

    [Theory]
    [MemberData(nameof(DesignTimeFactories))]
    public void Context_HasNoModelChangesWithoutAMigration(Type factoryType)
    {
        var factory = Activator.CreateInstance(factoryType, nonPublic: true)!;
        var create = factoryType.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDesignTimeDbContextFactory<>)).GetMethod("CreateDbContext")!;
        using var context = (DbContext)create.Invoke(factory, [Array.Empty<string>()])!;

        Assert.NotEmpty(context.Database.GetMigrations());
        Assert.False(context.Database.HasPendingModelChanges(), $"{context.GetType().Name}: the model has changes no migration makes; add a migration.");
    }

    [Fact]
    public void DesignTimeFactories_OneForEachContextOnEachProvider() => Assert.Equal(8, DesignTimeFactories().Count);
}
