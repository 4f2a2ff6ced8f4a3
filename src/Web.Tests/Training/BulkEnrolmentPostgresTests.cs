using System.Net;
using ChildProtection.Training.Learning;
using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Training;

/// <summary>
/// Bulk enrolment on a site of its own on PostgreSQL (CP_TEST_POSTGRES), where the accounts, training and outbox
/// contexts share one Npgsql connection and transaction for a confirmation.
/// </summary>
public sealed class BulkEnrolmentPostgresTests : IAsyncLifetime
{
    private readonly string _database = $"cp_web_{Guid.NewGuid():n}";
    private readonly string _tag = Guid.NewGuid().ToString("n")[..8];
    private SiteFactory _site = null!;

    public Task InitializeAsync()
    {
        _site = new SiteFactory().With("ConnectionStrings:Default", $"{TestPostgres.Server};Database={_database}");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        await TestPostgres.DropAsync(_database);
    }

    [Fact]
    public async Task OnPostgreSql_AFailureHalfWayLeavesNothing_AndAConfirmationEnrolsAndInvites()
    {
        const string school = "NT-PR-TH1";
        using var manager = new StaffClient(_site);
        await manager.SignInAsync(await StaffClient.CreateUserAsync(_site, StaffRoles.TrainingManager));

        await BulkEnrolmentTests.ConfirmationFailingHalfWay_LeavesNothingBehindAsync(_site, manager, school, _tag);

        var course = _site.Services.GetRequiredService<ICourseCatalog>().Courses[0];
        var email = $"pg-{_tag}@truong.example.vn";
        var before = await BulkEnrolmentTests.CountsAsync(_site);
        var preview = Html.Parse(await (await BulkEnrolmentTests.UploadAsync(manager, $"{BulkEnrolmentTests.Header}\nHồ Thị Thu,{email},giáo viên,{school}", course.Key)).Content.ReadAsStringAsync());
        var confirmed = await BulkEnrolmentTests.ConfirmAsync(manager, preview);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("1 học viên mới, 1 lượt ghi danh mới", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal((before.Accounts + 1, before.Learners + 1), await BulkEnrolmentTests.CountsAsync(_site));
        var invitation = Assert.Single(await SmtpSink.WaitForAsync(email));
        Assert.StartsWith($"{_site.ServerAddress}/hoc-tap/dat-mat-khau?", BulkEnrolmentTests.SetPasswordLink().Match(invitation.TextBody ?? "").Value);
    }
}
