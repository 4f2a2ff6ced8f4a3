using ChildProtection.Training.Contests;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>A contest whose one round, open now, asks two choice questions ("111" is right) and an essay worth 10 marks, its part introduced by a description.</summary>
public static class EssayContests
{
    public const string Guide = "Nêu được quyền được bảo vệ và số 111: 10 điểm.";

    public static async Task<Contest> CreateAsync(SiteFactory site, bool allowAttachment = false)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var bank = $"tu-luan-{Guid.NewGuid():N}";
        var questions = Enumerable.Range(1, 2)
            .Select(i => new Question("Trắc nghiệm", $"Câu {i}", $"Số gọi tổng đài bảo vệ trẻ em, lần {i}?", new ChoiceBody([new("111", 1), new("113", 0), new("115", 0)], false)))
            .Append(new Question("Tự luận", "Phần tự luận", "Phần II. Tự luận (10 điểm)", new DescriptionBody()))
            .Append(new Question("Tự luận", "Quyền được bảo vệ", "Em hiểu thế nào về quyền được bảo vệ của trẻ em?",
                new EssayBody(MaxWords: 30, AllowAttachment: allowAttachment, MarkingGuide: Guide), Settings: new QuestionSettings(DefaultMark: 10)))
            .ToList();
        await scope.ServiceProvider.GetRequiredService<QuizService>().SaveBankAsync(bank, questions);
        var now = DateTime.UtcNow;
        var (status, contest) = await scope.ServiceProvider.GetRequiredService<ContestService>().CreateAsync(new ContestDraft(
            $"Viết về quyền trẻ em {Guid.NewGuid().ToString("N")[..6]}", $"viet-{Guid.NewGuid():N}", "", bank, 0, 20, ContestRanking.DefaultOrder,
            [new RoundSchedule(now.AddHours(-1), now.AddHours(1))], Draws: [new CategoryDraw("Trắc nghiệm", 2), new CategoryDraw("Tự luận", 1)]));
        Assert.Equal(ContestStatus.Success, status);
        return contest!;
    }

    /// <summary>A code for a new entry to the contest's round, as the entry form would have e-mailed it.</summary>
    public static async Task<EntryCode> EntryCodeAsync(SiteFactory site, Contest contest, string name)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ContestService>().RequestCodeAsync(
            contest.Rounds[0].Id, new EntryDetails(name, "Lớp 8B", "Trường THCS Ninh Sơn", $"{Guid.NewGuid():N}@example.vn"), $"kiem-thu-{Guid.NewGuid():N}")).Result!;
    }

    /// <summary>The round as if its time were over: closed two minutes ago, past the late answers' grace.</summary>
    public static async Task CloseRoundAsync(SiteFactory site, Contest contest)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrainingDbContext>();
        var closed = DateTime.UtcNow.AddMinutes(-2);
        await db.ContestRounds.Where(r => r.Id == contest.Rounds[0].Id).ExecuteUpdateAsync(r => r.SetProperty(x => x.ClosesUtc, closed));
        await db.Quizzes.Where(q => q.Key == contest.Rounds[0].QuizKey).ExecuteUpdateAsync(q => q.SetProperty(x => x.ClosesUtc, closed));
    }

    /// <summary>A small PNG standing for a photo of a handwritten page (30 × 20 pixels).</summary>
    public static byte[] PagePhoto()
    {
        using var bitmap = new SkiaSharp.SKBitmap(30, 20);
        bitmap.Erase(SkiaSharp.SKColors.Teal);
        return bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100).ToArray();
    }
}
