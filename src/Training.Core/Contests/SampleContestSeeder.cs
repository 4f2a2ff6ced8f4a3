using ChildProtection.Training.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Contests;

/// <summary>
/// A new site starts with one contest on the Law on Children so that it can be tried at once: two weekly rounds from
/// today (Vietnam time), drawn from the seeded bank. Nothing happens once any contest exists or without the bank.
/// </summary>
internal sealed class SampleContestSeeder(TrainingDbContext db, ContestService contests, TimeProvider clock)
{
    public const string BankName = "luat-tre-em";
    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public async Task EnsureAsync(CancellationToken ct)
    {
        if (await db.Contests.AnyAsync(ct) || !await db.QuestionBanks.AnyAsync(b => b.Name == BankName, ct))
        {
            return;
        }

        var today = TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, Vietnam).Date;
        var start = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(today, DateTimeKind.Unspecified), Vietnam);
        await contests.CreateAsync(new ContestDraft(
            "Cuộc thi tìm hiểu Luật Trẻ em",
            "cuoc-thi-tim-hieu-luat-tre-em",
            "Cuộc thi trực tuyến hằng tuần do Tỉnh đoàn tổ chức, giúp thiếu nhi, phụ huynh và thầy cô hiểu các quyền của trẻ em và trách nhiệm bảo vệ trẻ em theo Luật Trẻ em năm 2016.",
            BankName,
            QuestionsPerRound: 10,
            TimeLimitMinutes: 15,
            ContestRanking.DefaultOrder,
            [new RoundSchedule(start, start.AddDays(7)), new RoundSchedule(start.AddDays(7), start.AddDays(14))]), ct);
    }
}
