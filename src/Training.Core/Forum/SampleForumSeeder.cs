using ChildProtection.Training.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Forum;

/// <summary>
/// A new site starts with one Children's Forum on online safety, open for four weeks from today (Vietnam time) and
/// attached to the seeded law contest when there is one. Nothing happens once any forum event exists.
/// </summary>
internal sealed class SampleForumSeeder(TrainingDbContext db, ForumService forum, TimeProvider clock)
{
    public const string Slug = "dien-dan-tre-em-tinh-nam-2026-tre-em-voi-an-toan-tren-khong-gian-mang";
    private const string ContestSlug = "cuoc-thi-tim-hieu-luat-tre-em";
    private static readonly TimeZoneInfo Vietnam = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public async Task EnsureAsync(CancellationToken ct)
    {
        if (await db.ForumEvents.AnyAsync(ct))
        {
            return;
        }

        var today = TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, Vietnam).Date;
        var start = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(today, DateTimeKind.Unspecified), Vietnam);
        var contestId = await db.Contests.Where(c => c.Slug == ContestSlug).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
        await forum.CreateEventAsync(new ForumEventDraft(
            "Diễn đàn trẻ em tỉnh năm 2026: Trẻ em với an toàn trên không gian mạng",
            Slug,
            "Khi lên mạng, điều gì làm em lo lắng, và em muốn người lớn làm gì để em được an toàn hơn?",
            """
            Trẻ em có quyền được nói lên suy nghĩ của mình về những việc liên quan đến các em. Diễn đàn năm nay do Tỉnh đoàn, Sở Giáo dục và Đào tạo và ngành Lao động – Thương binh và Xã hội cùng tổ chức, để lắng nghe các em nói về an toàn khi dùng mạng xã hội, trò chơi trực tuyến và điện thoại.

            Em có thể gửi ý kiến mà không cần ghi tên. Ban tổ chức đọc từng ý kiến, gom các ý kiến giống nhau, rồi chuyển tới cơ quan có trách nhiệm giải quyết. Khi có câu trả lời, Ban tổ chức đăng ngay trên trang này để các em biết ý kiến của mình đã được giải quyết thế nào.

            Nếu em hoặc bạn em đang bị bắt nạt, đe dọa hay bị ai đó đòi gửi ảnh riêng tư trên mạng, đừng chờ diễn đàn: hãy gọi ngay Tổng đài quốc gia bảo vệ trẻ em 111 (miễn phí, cả ngày lẫn đêm) hoặc nói với thầy cô, cha mẹ.
            """,
            start,
            start.AddDays(28),
            contestId), ct);
    }
}
