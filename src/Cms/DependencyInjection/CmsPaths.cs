namespace ChildProtection.Cms.DependencyInjection;

/// <summary>The engine's folders as absolute paths.</summary>
public sealed record CmsPaths(string DataPath, string SchemaPath, string? SeedPath)
{
    public static CmsPaths Resolve(CmsOptions options, string contentRoot)
    {
        var dataPath = Path.GetFullPath(options.DataPath, contentRoot);
        Directory.CreateDirectory(dataPath);
        return new CmsPaths(
            dataPath,
            FindUpwards(options.SchemaPath, contentRoot) ?? Path.GetFullPath(options.SchemaPath, contentRoot),
            string.IsNullOrWhiteSpace(options.SeedPath) ? null : FindUpwards(options.SeedPath, contentRoot));
    }

    /// <summary>
    /// A relative folder is looked for in the content root and then in its parents, so that the repository's
    /// uSync and content-seed folders are found from src/Web, from a test's bin folder or from a published copy.
    /// </summary>
    private static string? FindUpwards(string path, string start)
    {
        if (Path.IsPathRooted(path))
        {
            return Directory.Exists(path) ? path : null;
        }

        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, path);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
