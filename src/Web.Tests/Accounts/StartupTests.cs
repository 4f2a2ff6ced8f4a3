using System.Text.RegularExpressions;
using ChildProtection.Cms.Schema;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Accounts;

public sealed class StartupTests
{
    [Fact]
    public async Task FirstStart_CreatesAdministratorWithConfiguredPassword()
    {
        using var site = new SiteFactory();
        _ = site.ServerAddress;

        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var admin = await users.FindByEmailAsync(SiteFactory.AdminEmail);
        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, StaffRoles.Administrator));
        Assert.True(await users.CheckPasswordAsync(admin, SiteFactory.AdminPassword));
    }

    [Fact]
    public void BrokenSchemaFile_StopsStartupNamingFileAndItem()
    {
        var schema = Path.Combine(Path.GetTempPath(), "cp-web-tests", Guid.NewGuid().ToString("n"));
        CopySchema(schema);
        var file = Path.Combine(schema, "ContentTypes", "leaflet.config");
        File.WriteAllText(file, Regex.Replace(File.ReadAllText(file), "<Definition>[^<]+</Definition>", $"<Definition>{Guid.Empty}</Definition>"));
        using var site = new SiteFactory().With("Cms:SchemaPath", schema);

        var error = Assert.ThrowsAny<Exception>(() => site.ServerAddress);

        var schemaError = Assert.IsType<SchemaLoadException>(error.GetBaseException());
        Assert.Equal("ContentTypes/leaflet.config", schemaError.File);
        Assert.StartsWith("leaflet.", schemaError.Item);
        Directory.Delete(schema, recursive: true);
    }

    private static void CopySchema(string target)
    {
        var source = Path.Combine(RepositoryRoot(), "uSync", "v17");
        foreach (var path in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, path));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(path, destination);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "ChildProtection.sln")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }
}
