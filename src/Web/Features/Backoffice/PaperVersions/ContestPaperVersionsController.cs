using ChildProtection.Training.Contests;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Training.Spreadsheets;
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
    /// <summary>The round the page loaded (an import loads the page first).</summary>
    private ContestRound? _round;

    [FromRoute(Name = "key")]
    public Guid ContestKey { get; set; }

    [FromRoute(Name = "number")]
    public int RoundNumber { get; set; }

    protected override IReadOnlyList<PaperColumn> Columns() =>
    [
        new("ho_ten", Text["PaperColumnName"], true),
        new("lop", Text["PaperColumnClass"], true),
        new("truong", Text["PaperColumnSchool"], true),
        new("ma_de", Text["PaperColumnCode"], true),
        new("tra_loi", Text["PaperColumnAnswers"], true),
        new("diem_tu_luan", Text["PaperColumnEssayMarks"], false),
        new("du_doan", Text["PaperColumnGuess"], false),
    ];

    protected override async Task<IActionResult> ImportAsync(PaperVersionsViewModel page, IReadOnlyList<ImportRow> rows, IFormCollection form, CancellationToken ct)
    {
        var import = await results.ImportAsync(_round!, rows.Select(r => new PaperSheetRow(r.Number, r["ho_ten"], r["lop"], r["truong"], r["ma_de"], r["tra_loi"], r["du_doan"], r["diem_tu_luan"])).ToList(), ct);
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
