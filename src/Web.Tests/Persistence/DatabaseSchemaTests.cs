using System.Data.Common;
using System.Text;
using ChildProtection.Cms.Persistence;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChildProtection.Web.Tests.Persistence;

/// <summary>
/// A fresh site's database, SQLite and PostgreSQL, has exactly the schema written down in Schema.*.txt beside this
/// file: every table, column (type, nullability), key, index and foreign key. The files were taken from the
/// migrations as they stood before they were squashed into one per context, so a squash, a merge of contexts or a
/// model change cannot alter the database unnoticed. After an intended model change, run the tests with
/// CP_UPDATE_SCHEMA=1 to write the files anew, and read their diff.
/// </summary>
public sealed class DatabaseSchemaTests
{
    [Fact]
    public async Task FreshSite_Sqlite_HasTheRecordedSchema()
    {
        using var site = new SiteFactory();
        await AssertRecordedAsync(site, "Schema.sqlite.txt");
    }

    [Fact]
    public async Task FreshSite_PostgreSql_HasTheRecordedSchema()
    {
        var database = $"cp_schema_{Guid.NewGuid():n}";
        try
        {
            using var site = new SiteFactory().With("ConnectionStrings:Default", $"{TestPostgres.Server};Database={database}");
            await AssertRecordedAsync(site, "Schema.postgresql.txt");
        }
        finally
        {
            await TestPostgres.DropAsync(database);
        }
    }

    private static async Task AssertRecordedAsync(SiteFactory site, string file)
    {
        _ = site.ServerAddress; // starts the site: its start-up migrates the database
        var database = site.Services.GetRequiredService<DatabaseConnection>();
        var schema = database.Provider == DatabaseProvider.PostgreSql
            ? await DescribePostgresAsync(database.ConnectionString)
            : await DescribeSqliteAsync(database.ConnectionString);

        var path = Path.Combine(SourceFolder(), file);
        if (Environment.GetEnvironmentVariable("CP_UPDATE_SCHEMA") == "1")
        {
            await File.WriteAllTextAsync(path, schema);
        }

        Assert.Equal(await File.ReadAllTextAsync(path), schema);
    }

    /// <summary>This test's folder in the source tree (the recorded files are not copied to the output).</summary>
    private static string SourceFolder([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>Tables, columns, indexes and foreign keys, sorted by name so that column order does not matter.</summary>
    private static async Task<string> DescribeSqliteAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var tables = await ListAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY name");
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            text.Append("table ").AppendLine(table);
            foreach (var column in await ListAsync(connection, $"SELECT name || ' ' || type || CASE WHEN \"notnull\" THEN ' not null' ELSE '' END || CASE WHEN pk > 0 THEN ' key' || pk ELSE '' END FROM pragma_table_info('{table}') ORDER BY name"))
            {
                text.Append("  column ").AppendLine(column);
            }

            foreach (var index in await ListAsync(connection, $"SELECT l.name || CASE WHEN l.\"unique\" THEN ' unique' ELSE '' END || ' (' || (SELECT group_concat(name, ', ') FROM (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno)) || ')' FROM pragma_index_list('{table}') l WHERE l.origin = 'c' ORDER BY l.name"))
            {
                text.Append("  index ").AppendLine(index);
            }

            foreach (var key in await ListAsync(connection, $"SELECT \"from\" || ' -> ' || \"table\" || '.' || \"to\" || ' on delete ' || on_delete FROM pragma_foreign_key_list('{table}') ORDER BY \"from\", \"table\""))
            {
                text.Append("  foreign key ").AppendLine(key);
            }
        }

        return text.ToString();
    }

    private static async Task<string> DescribePostgresAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = await ListAsync(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE '\\_\\_%' ORDER BY table_name");
        var text = new StringBuilder();
        foreach (var table in tables)
        {
            text.Append("table ").AppendLine(table);
            foreach (var column in await ListAsync(connection, $"""
                SELECT column_name || ' ' || CASE WHEN data_type = 'character varying' THEN 'varchar(' || character_maximum_length || ')' ELSE data_type END
                    || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END || CASE WHEN is_identity = 'YES' THEN ' identity' ELSE '' END
                FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY column_name
                """))
            {
                text.Append("  column ").AppendLine(column);
            }

            foreach (var constraint in await ListAsync(connection, $"""
                SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid = 'public."{table}"'::regclass ORDER BY conname
                """))
            {
                text.Append("  constraint ").AppendLine(constraint);
            }

            foreach (var index in await ListAsync(connection, $"""
                SELECT i.relname || CASE WHEN x.indisunique THEN ' unique' ELSE '' END || ' ' || pg_get_indexdef(x.indexrelid)
                FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = 'public."{table}"'::regclass AND NOT x.indisprimary ORDER BY i.relname
                """))
            {
                text.Append("  index ").AppendLine(index);
            }
        }

        return text.ToString();
    }

    private static async Task<List<string>> ListAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
