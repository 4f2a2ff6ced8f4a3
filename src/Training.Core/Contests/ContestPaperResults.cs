using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Attempts;
using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Training.Quizzes.Questions;
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

public enum PaperRowProblem
{
    MissingName,
    UnknownCode,

    /// <summary>The detail is "given/expected".</summary>
    AnswerCount,

    /// <summary>The detail is the question's number and what was typed.</summary>
    BadAnswer,
    BadGuess,

    /// <summary>The same candidate's paper (name, class, school, version) is already in the round.</summary>
    AlreadyImported,

    /// <summary>The same paper twice in the file; the detail is the earlier row.</summary>
    DuplicateRow,

    /// <summary>The written part's marks: not one per essay, not a number, or above the essay's mark; the detail is what was typed.</summary>
    BadEssayMarks,
}

public sealed record PaperRowError(int Row, PaperRowProblem Problem, string? Detail = null);

/// <param name="Imported">Papers added to the round; none when there are <paramref name="Errors"/>.</param>
public sealed record PaperImport(int Imported, IReadOnlyList<PaperRowError> Errors);

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
            else if (Responses(version, row, errors) is { } responses)
            {
                Add(round, paper, version, row, key, responses, now);
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

    /// <summary>A row's answers as responses in the question's own terms (its stored choices), or null with the row's errors added.</summary>
    private static Dictionary<long, QuestionResponse>? Responses(PrintedVersion version, PaperSheetRow row, List<PaperRowError> errors)
    {
        // Essays are marked on paper by the jury: their marks come in a column of their own, not among the answers.
        var answered = version.Questions.Where(q => q.Question.Body is not EssayBody).ToList();
        var typed = row.Answers.Contains(',') || row.Answers.Contains(';')
            ? row.Answers.Split(',', ';').Select(a => a.Trim()).ToList()
            : row.Answers.Where(c => !char.IsWhiteSpace(c)).Select(c => c.ToString()).ToList();
        if (answered.Count == 0 && row.Answers.Trim().Length == 0)
        {
            typed = [];
        }

        if (typed.Count != answered.Count)
        {
            errors.Add(new PaperRowError(row.Row, PaperRowProblem.AnswerCount, $"{typed.Count}/{answered.Count}"));
            return null;
        }

        var responses = new Dictionary<long, QuestionResponse>();
        var before = errors.Count;
        if (!EssayMarks(version, row, responses))
        {
            errors.Add(new PaperRowError(row.Row, PaperRowProblem.BadEssayMarks, row.EssayMarks));
        }

        foreach (var (printed, answer) in answered.Zip(typed))
        {
            if (answer is "" or "-")
            {
                continue;
            }

            var response = Response(printed, answer);
            if (response is null)
            {
                errors.Add(new PaperRowError(row.Row, PaperRowProblem.BadAnswer, $"{printed.Number}: {answer}"));
            }
            else
            {
                responses[printed.QuestionId] = response;
            }
        }

        return errors.Count == before ? responses : null;
    }

    private static QuestionResponse? Response(PrintedQuestion printed, string answer) => Response(printed.Question.Body, printed.Order, answer);

    /// <param name="order">Printed position → stored index of the choices (a Cloze gap's are printed in their own order).</param>
    private static QuestionResponse? Response(QuestionBody body, IReadOnlyList<int> order, string answer)
    {
        var letters = answer.ToUpperInvariant().Select(c => c - 'A').ToList();
        return body switch
        {
            ChoiceBody choice when letters.All(p => p >= 0 && p < order.Count) && (choice.Multiple || letters.Count == 1)
                => new ChoiceResponse(letters.Select(p => order[p]).ToHashSet()),
            TrueFalseBody when letters is [0 or 1] => new TrueFalseResponse(letters[0] == 0),
            ShortAnswerBody or NumericalBody => new TextResponse(answer),
            ClozeBody cloze => ClozeResponse(cloze, answer),
            _ => null,
        };
    }

    /// <summary>A Cloze question's gaps as typed, "/" between them ("-" or nothing for a gap left blank); null when their number is wrong or a gap's answer cannot be.</summary>
    private static ClozeResponse? ClozeResponse(ClozeBody cloze, string answer)
    {
        var gaps = answer.Split('/').Select(g => g.Trim()).ToList();
        if (gaps.Count != cloze.Gaps.Count)
        {
            return null;
        }

        var given = new Dictionary<int, QuestionResponse>();
        for (var i = 0; i < gaps.Count; i++)
        {
            if (gaps[i] is "" or "-")
            {
                continue;
            }

            var body = cloze.Gaps[i].Body;
            if (Response(body, Enumerable.Range(0, body is ChoiceBody choice ? choice.Choices.Count : 0).ToList(), gaps[i]) is not { } response)
            {
                return null;
            }

            given[i + 1] = response;
        }

        return new ClozeResponse(given);
    }

    /// <summary>
    /// The row's essays with the marks the paper jury gave them; false when the marks are not one number per essay
    /// within its mark. The papers stay with the school; the attempt keeps a line saying so (<see cref="PaperEssayText"/>).
    /// </summary>
    private static bool EssayMarks(PrintedVersion version, PaperSheetRow row, Dictionary<long, QuestionResponse> responses)
    {
        var essays = version.Questions.Where(q => q.Question.Body is EssayBody).ToList();
        var marks = row.EssayMarks.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (marks.Count != essays.Count)
        {
            return false;
        }

        foreach (var (essay, typed) in essays.Zip(marks))
        {
            if (!QuestionGrader.TryParseNumber(typed, out var mark) || mark < 0 || mark > essay.Question.Settings.DefaultMark)
            {
                return false;
            }

            responses[essay.QuestionId] = new PaperEssay(essay.Question.Settings.DefaultMark == 0 ? 0 : mark / essay.Question.Settings.DefaultMark);
        }

        return true;
    }

    /// <summary>An essay written and marked on paper, while the row is read: what the attempt keeps of it is its mark.</summary>
    private sealed record PaperEssay(decimal Fraction) : QuestionResponse;

    /// <summary>What an attempt keeps as the text of an essay written on paper (the paper stays with the school).</summary>
    public const string PaperEssayText = "Bài làm trên giấy, giám khảo chấm trên giấy.";

    private void Add(ContestRound round, PaperQuiz paper, PrintedVersion version, PaperSheetRow row, string paperKey, Dictionary<long, QuestionResponse> responses, DateTime now)
    {
        var definition = paper.Definition;
        var plan = version.Questions.Select(q => new PlannedQuestion(q.QuestionId, q.Order)).ToList();
        var marked = responses.Where(r => r.Value is PaperEssay).ToDictionary(r => r.Key, r => ((PaperEssay)r.Value).Fraction);
        var stored = responses.ToDictionary(r => r.Key, r => r.Value is PaperEssay ? new TextResponse(PaperEssayText) : r.Value);
        var score = AttemptScore.Of(definition, plan, version.Questions.ToDictionary(q => q.QuestionId, q => q.Question), stored, marked);
        var entryKey = Guid.NewGuid();
        var attempt = new QuizAttempt
        {
            Key = Guid.NewGuid(),
            QuizId = paper.QuizId,
            Participant = entryKey.ToString(),
            PlanJson = JsonSerializer.Serialize(plan, QuestionRows.Json),
            StartedUtc = round.OpensUtc,
            FinishedUtc = round.OpensUtc + (definition.TimeLimit ?? TimeSpan.Zero),
            SubmittedUtc = now,
            Marks = score.Marks,
            CorrectCount = score.CorrectCount,
            Passed = score.Passed,
            Answers = stored.Select(r => new AttemptAnswer
            {
                QuestionId = r.Key, ResponseJson = JsonSerializer.Serialize(r.Value, QuestionRows.Json), Revision = 1, SavedUtc = now,
                MarkedFraction = marked.TryGetValue(r.Key, out var fraction) ? fraction : null,
            }).ToList(),
        };
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
