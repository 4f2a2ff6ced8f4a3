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
