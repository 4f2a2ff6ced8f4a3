using Npgsql;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>The PostgreSQL server the test script starts (CP_TEST_POSTGRES), for sites of a test's own.</summary>
public static class TestPostgres
{
    public static string Server { get; } = Environment.GetEnvironmentVariable("CP_TEST_POSTGRES") is { Length: > 0 } configured
        ? configured
        : "Host=127.0.0.1;Port=5432;Username=postgres;Password=childprotection-test";

    /// <summary>Drops a test's database once its site has stopped.</summary>
    public static async Task DropAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
