using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Tests.Hosting;

/// <summary>
/// A setting given a value outside its meaning stops the site at start-up with a message naming the setting, rather
/// than failing (or quietly misbehaving on) the first request that reads it.
/// </summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Search:MaxPage", "-1", "Search:MaxPage")]
    [InlineData("Search:MaxQueryLength", "0", "Search:MaxQueryLength")]
    [InlineData("Search:ContentTypeBoosts:campaign", "-2", "Search:ContentTypeBoosts")]
    [InlineData("Contests:CodeLifetime", "00:00:00", "Contests:CodeLifetime")]
    [InlineData("Contests:MaxCodeTries", "0", "Contests:MaxCodeTries")]
    [InlineData("Contests:CodesPerEmailPerHour", "0", "Contests:CodesPerEmailPerHour")]
    [InlineData("Contests:CodesPerClientPerHour", "-20", "Contests:CodesPerClientPerHour")]
    [InlineData("Forum:OpinionsPerClientPerHour", "0", "Forum:OpinionsPerClientPerHour")]
    [InlineData("Media:MaxFileBytes", "0", "Media:MaxFileBytes")]
    [InlineData("Media:MaxImageDimension", "-1", "Media:MaxImageDimension")]
    [InlineData("LearnerAccounts:LinkLifetime", "-1.00:00:00", "LearnerAccounts:LinkLifetime")]
    [InlineData("PublicSite:PreviewLinkLifetime", "00:00:00", "PublicSite:PreviewLinkLifetime")]
    [InlineData("TrainingReports:YearlyDeadlines", "10-25, 13-45", "TrainingReports:YearlyDeadlines")]
    [InlineData("Admin:Email", "quantri", "Admin:Email")]
    [InlineData("Smtp:Port", "0", "Smtp:Port")]
    [InlineData("Security:HstsMaxAge", "-1.00:00:00", "Security:HstsMaxAge")]
    public void Start_SettingOutOfRange_StopsNamingTheSetting(string key, string value, string named)
    {
        using var site = new SiteFactory().With(key, value);

        var error = Assert.ThrowsAny<Exception>(() => site.ServerAddress);

        Assert.Contains(named, Assert.IsType<OptionsValidationException>(error.GetBaseException()).Message);
    }

    [Theory]
    [InlineData("Search:MaxPage", "nhiều")]
    [InlineData("Contests:CodeLifetime", "mười phút")]
    [InlineData("Forum:OpinionsPerClientPerHour", "30 lần")]
    public void Start_SettingNotANumber_StopsNamingTheSetting(string key, string value)
    {
        using var site = new SiteFactory().With(key, value);

        var error = Assert.ThrowsAny<Exception>(() => site.ServerAddress);

        // Configuration binding names the setting it could not convert; the innermost error only names the value.
        Assert.Contains(Chain(error), e => e is InvalidOperationException && e.Message.Contains($"'{key}'", StringComparison.Ordinal));
    }

    private static IEnumerable<Exception> Chain(Exception error)
    {
        for (var e = (Exception?)error; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
