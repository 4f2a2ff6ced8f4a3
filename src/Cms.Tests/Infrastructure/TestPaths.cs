namespace ChildProtection.Cms.Tests.Infrastructure;

public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string RepositorySchema => Path.Combine(RepositoryRoot, "uSync", "v17");

    public static string RepositorySeed => Path.Combine(RepositoryRoot, "content-seed");

    public static string NewTempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "cp-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>
    /// A connection string to a database of its own on the PostgreSQL server the test script starts
    /// (CP_TEST_POSTGRES); migrations create it.
    /// </summary>
    public static string NewPostgresDatabase()
    {
        var server = Environment.GetEnvironmentVariable("CP_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=postgres;Password=childprotection-test";
        return $"{server};Database=cp_test_{Guid.NewGuid():n}";
    }

    public static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChildProtection.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the repository (ChildProtection.sln not found above the test binaries).");
    }
}
