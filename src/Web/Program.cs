using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Features.Backoffice;
using ChildProtection.Web.Features.Backoffice.Content;
using ChildProtection.Web.Features.Concerns;
using ChildProtection.Web.Features.Contests;
using ChildProtection.Web.Features.Email;
using ChildProtection.Web.Features.Feeds;
using ChildProtection.Web.Features.Leaflets;
using ChildProtection.Web.Features.Learning;
using ChildProtection.Web.Features.Media;
using ChildProtection.Web.Features.PublicSite;
using ChildProtection.Web.Features.Search;
using ChildProtection.Web.Features.Training;
using ChildProtection.Web.Hosting;
using ChildProtection.Web.Infrastructure;
using ChildProtection.Web.Persistence;

// A setting that stops the start is told in one line naming it, not a stack trace; any other error keeps its trace, and
// a test host (WebApplicationFactory runs this in its own process) gets the exception itself.
try
{
    // backup or restore: run on the configured site and exit instead of serving.
    var command = SiteCommand.Parse(args);
    var builder = WebApplication.CreateBuilder(SiteStart.Options(command?.Settings ?? args));

    builder.AddCms();
    builder.AddSiteDatabase();
    builder.AddSharedKeys();
    builder.AddHealth();
    builder.AddSiteMetrics();
    builder.AddSiteInfrastructure();
    builder.AddStaffAccounts();
    builder.AddBackoffice();
    builder.AddEmail();
    builder.AddPublicSite();
    builder.AddSharedCache();
    builder.AddMediaDelivery();
    builder.AddLeaflets();
    builder.AddSiteSearch();
    builder.AddTrainingModule();
    builder.AddLearning();
    builder.AddContestAdmission();
    builder.AddConcernChannel();
    builder.AddBackgroundJobs();
    builder.AddStartMemoryRelease();

    var app = builder.Build().CheckSettings();
    if (command is not null)
    {
        return await command.RunAsync(app.Services);
    }


    app.UseSiteInfrastructure();
    // After authentication and authorisation, as it must be: it checks the token of the minimal APIs that read a form
    // (their form binding answers 400 to a missing or wrong one); the controllers check theirs with [ValidateAntiForgeryToken].
    app.UseAntiforgery();
    app.UseRateLimiter();
    app.UseBackoffice();
    app.MapHealth();
    app.MapSiteMetrics();
    app.MapFeeds();
    app.MapMedia();
    app.MapLeaflets();
    app.MapSiteSearch();
    app.MapLearnerApi();
    app.MapContestApi();
    app.MapContentApi();
    app.MapJobsDashboard();
    // The attribute-routed controllers of every feature: Backoffice, Learning, Contests, Forum and Concerns.
    app.MapControllers();
    // Last: every address no other endpoint takes is content.
    app.MapPublicSite();

    app.Run();
    return 0;
}
catch (OperationCanceledException) when (SiteStart.IsOwnProcess)
{
    // Told to stop (SIGTERM, Ctrl+C) while the start's last work (seeding, the first administrator) still ran: that work
    // was cancelled, which is a normal stop, not a crash.
    return 0;
}
catch (Exception e) when (SiteStart.IsOwnProcess && SiteStart.Describe(e) is { } line)
{
    Console.Error.WriteLine(line);
    return SiteStart.FailureExitCode;
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
