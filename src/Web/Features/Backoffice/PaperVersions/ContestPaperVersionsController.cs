using ChildProtection.Training.Contests;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Web.Features.Contests;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.PaperVersions;

/// <summary>A contest round's paper versions; their results are candidates' entries ranked with the round's (see <see cref="ContestPaperResults"/>).</summary>
[Route("backoffice/cuoc-thi/{key:guid}/vong/{number:int}/de-giay"), Authorize(Policy = BackofficePolicies.Contests)]
public sealed class ContestPaperVersionsController(
    ContestService contests,
    QuizService quizzes,
    ContestPaperResults results,
    PaperPdfRenderer renderer,
    PaperPictures pictures,
    IStringLocalizer<ContestsText> text) : PaperVersionsController(quizzes, renderer, pictures, text)
{
    private static readonly string[] ResultColumns = ["ho_ten", "lop", "truong", "ma_de", "tra_loi"];

    /// <summary>The round the page loaded, for the import that follows.</summary>
    private ContestRound? _round;

    [FromRoute(Name = "key")]
    public Guid ContestKey { get; set; }

    [FromRoute(Name = "number")]
    public int RoundNumber { get; set; }

    [HttpPost("ket-qua"), ValidateAntiForgeryToken, RequestSizeLimit(MaxResultsFileBytes + 64 * 1024)]
    public async Task<IActionResult> ImportResults(IFormFile? file, CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } page || _round is not { } round)
        {
            return NotFound();
        }

        var (sheet, refusal) = await ReadResultsAsync(page, file, ResultColumns, Text["PaperResultsColumns"]);
        if (sheet is null)
        {
            return refusal!;
        }

        var import = await results.ImportAsync(round, sheet.Rows.Select(r => new PaperSheetRow(r.Number, r["ho_ten"], r["lop"], r["truong"], r["ma_de"], r["tra_loi"], r["du_doan"], r["diem_tu_luan"])).ToList(), ct);
        return Imported(page, import, e => Text[$"PaperRow.{e.Problem}", e.Row, e.Detail ?? ""], Text["PaperResultsImported", import.Imported]);
    }

    protected override async Task<PaperVersionsViewModel?> LoadAsync(CancellationToken ct)
    {
        if (await contests.FindAsync(ContestKey, ct) is not { } contest || contest.Rounds.FirstOrDefault(r => r.Number == RoundNumber) is not { } round
            || await Quizzes.PaperVersionsAsync(round.QuizKey, ct) is not { } quiz)
        {
            return null;
        }

        _round = round;
        return Page(PaperOwner.ContestRound, contest.Title, Text["ContestRoundNumber", round.Number], ($"/backoffice/cuoc-thi/{contest.Key}", contest.Title),
            $"/backoffice/cuoc-thi/{contest.Key}/vong/{round.Number}/de-giay", quiz);
    }
}
