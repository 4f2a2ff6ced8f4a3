using System.Security.Cryptography;
using System.Text;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Paper;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Contests;

/// <summary>One candidate's paper, as typed from the answer sheet.</summary>
/// <param name="Row">The row in the spreadsheet (the header is row 1).</param>
/// <param name="Answers">
/// In question order, essays left out: letters for a choice ("B", "AC" for several), the written answer otherwise, a
/// Cloze question's gaps separated by "/" ("B/dưới 16 tuổi/111"), separated by commas; or a string of letters, one a question.
/// </param>
/// <param name="EssayMarks">The written part's marks as the paper jury gave them, one per essay in question order, separated by ";" ("7,5").</param>
public sealed record PaperSheetRow(int Row, string FullName, string BirthDateOrClass, string School, string Code, string Answers, string Guess, string EssayMarks = "");

/// <summary>
/// Results of paper versions, typed from the answer sheets and imported: each paper is marked against the key of its
/// version as printed and joins the round as an entry of its own, ranked with the entries made online. A paper's time
/// is the round's whole time limit (it was not timed), so between equal scores an online entry that took less ranks
/// first. A sheet is imported whole or not at all, and a paper imported twice (the same sheet again, or two organisers
/// at once) is refused by a unique key on the round and the paper.
/// </summary>
public sealed class ContestPaperResults(TrainingDbContext db, QuizService quizzes, TimeProvider clock)
{
    public async Task<PaperImport> ImportAsync(ContestRound round, IReadOnlyList<PaperSheetRow> rows, CancellationToken ct = default)
    {
        var paper = await quizzes.PaperVersionsAsync(round.QuizKey, ct) ?? throw new InvalidOperationException($"Round {round.Id} has no quiz.");
        var versions = paper.Versions.ToDictionary(v => v.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var errors = new List<PaperRowError>();
        var now = clock.GetUtcNow().UtcDateTime;
        var seen = new Dictionary<string, int>();
        foreach (var row in rows)
        {
            var key = PaperKey(row);
            if (row.FullName.Length == 0)
            {
                errors.Add(new PaperRowError(row.Row, PaperRowProblem.MissingName));
            }
            else if (!seen.TryAdd(key, row.Row))
            {
                errors.Add(new PaperRowError(row.Row, PaperRowProblem.DuplicateRow, seen[key].ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
            else if (!versions.TryGetValue(row.Code.Trim(), out var version))
            {
                errors.Add(new PaperRowError(row.Row, PaperRowProblem.UnknownCode, row.Code));
            }
            else if (!long.TryParse(row.Guess.Length == 0 ? "0" : row.Guess, out _))
            {
                errors.Add(new PaperRowError(row.Row, PaperRowProblem.BadGuess, row.Guess));
            }
            else if (PaperAnswers.Read(version, row.Row, row.Answers, row.EssayMarks, errors) is { } answers)
            {
                // An entry's attempt is answered as the entry: its participant is the entry's key.
                var entryKey = Guid.NewGuid();
                Add(round, entryKey, answers.ToAttempt(paper, version, entryKey.ToString(), round.OpensUtc, now), row, key, now);
            }
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new PaperImport(0, errors);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new PaperImport(0, [await AlreadyImportedAsync(round, rows, ct)]);
        }

        return new PaperImport(rows.Count, []);
    }

    private void Add(ContestRound round, Guid entryKey, QuizAttempt attempt, PaperSheetRow row, string paperKey, DateTime now)
    {
        db.QuizAttempts.Add(attempt);
        db.ContestEntries.Add(new ContestEntry
        {
            Key = entryKey,
            RoundId = round.Id,
            FullName = row.FullName,
            BirthDateOrClass = row.BirthDateOrClass,
            School = row.School,
            Verified = true,
            Guess = row.Guess.Length == 0 ? null : long.Parse(row.Guess, System.Globalization.CultureInfo.InvariantCulture),
            AttemptKey = attempt.Key,
            PaperKey = paperKey,
            CreatedUtc = now,
        });
    }

    /// <summary>Which paper of the sheet was imported already: the first whose key the round holds.</summary>
    private async Task<PaperRowError> AlreadyImportedAsync(ContestRound round, IReadOnlyList<PaperSheetRow> rows, CancellationToken ct)
    {
        var keys = rows.ToDictionary(PaperKey, r => r.Row);
        var taken = await db.ContestEntries.Where(e => e.RoundId == round.Id && e.PaperKey != null && keys.Keys.Contains(e.PaperKey)).Select(e => e.PaperKey!).FirstOrDefaultAsync(ct);
        return new PaperRowError(taken is null ? 0 : keys[taken], PaperRowProblem.AlreadyImported);
    }

    /// <summary>One candidate's paper: a hash of the version, the name, the class and the school as typed (trimmed, case aside).</summary>
    private static string PaperKey(PaperSheetRow row) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', new[] { row.Code, row.FullName, row.BirthDateOrClass, row.School }
            .Select(p => p.Trim().ToLowerInvariant().Normalize(NormalizationForm.FormC))))));
}
