using System.Text.Json;
using System.Text.RegularExpressions;
using ChildProtection.Training.Quizzes.Attempts;
using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Quizzes.Paper;

public enum PaperRowProblem
{
    MissingName,
    UnknownCode,

    /// <summary>The detail is "given/expected".</summary>
    AnswerCount,

    /// <summary>The detail is the question's number and what was typed.</summary>
    BadAnswer,
    BadGuess,

    /// <summary>The same paper (a contest's candidate, or a learner with the same version) is already in.</summary>
    AlreadyImported,

    /// <summary>The same paper twice in the file; the detail is the earlier row.</summary>
    DuplicateRow,

    /// <summary>The written part's marks: not one per essay, not a number, or above the essay's mark; the detail is what was typed.</summary>
    BadEssayMarks,

    /// <summary>A course's paper names no learner of the manager's units; the detail is the e-mail address typed.</summary>
    UnknownLearner,
}

public sealed record PaperRowError(int Row, PaperRowProblem Problem, string? Detail = null);

/// <param name="Imported">Papers imported; none when there are <paramref name="Errors"/>.</param>
public sealed record PaperImport(int Imported, IReadOnlyList<PaperRowError> Errors);

/// <summary>
/// A paper's answers as typed from its answer sheet, read against the version it was printed as, and the closed
/// attempt they make: the same reading for a contest round's papers and a course's final quiz on paper.
/// </summary>
/// <param name="Responses">Question → the response in the question's own terms (its stored choices).</param>
/// <param name="Marked">Essays marked on paper: question → share of its mark.</param>
public sealed partial record PaperAnswers(IReadOnlyDictionary<long, QuestionResponse> Responses, IReadOnlyDictionary<long, decimal> Marked)
{
    /// <summary>What an attempt keeps as the text of an essay written on paper (the paper stays with the school).</summary>
    public const string PaperEssayText = "Bài làm trên giấy, giám khảo chấm trên giấy.";

    /// <summary>
    /// Reads a row's answers: in question order, essays left out, separated by commas (or a string of letters, one a
    /// question); letters for a choice ("AC" for several), a matching's numbers in its prompts' order ("a-2 b-1" as the
    /// key prints it, or "2/1"), a Cloze question's gaps separated by "/", the written answer otherwise; and the
    /// essays' marks separated by ";". Null, with the row's errors added, when anything is wrong.
    /// </summary>
    public static PaperAnswers? Read(PrintedVersion version, int row, string answers, string essayMarks, List<PaperRowError> errors)
    {
        // Essays are marked on paper by the jury: their marks come in a column of their own, not among the answers.
        var answered = version.Questions.Where(q => q.Question.Body is not EssayBody).ToList();
        // A string of letters ("ABCDA") is one a question only where every question is answered by one letter.
        var lettersOnly = answered.Count > 1 && answered.All(q => q.Question.Body is ChoiceBody or TrueFalseBody) && !answers.Contains(',') && !answers.Contains(';');
        var typed = lettersOnly
            ? answers.Where(c => !char.IsWhiteSpace(c)).Select(c => c.ToString()).ToList()
            : answers.Split(',', ';').Select(a => a.Trim()).ToList();
        if (answered.Count == 0 && answers.Trim().Length == 0)
        {
            typed = [];
        }

        if (typed.Count != answered.Count)
        {
            errors.Add(new PaperRowError(row, PaperRowProblem.AnswerCount, $"{typed.Count}/{answered.Count}"));
            return null;
        }

        var responses = new Dictionary<long, QuestionResponse>();
        var before = errors.Count;
        if (EssayMarks(version, essayMarks) is not { } marked)
        {
            errors.Add(new PaperRowError(row, PaperRowProblem.BadEssayMarks, essayMarks));
            marked = new Dictionary<long, decimal>();
        }

        foreach (var (printed, answer) in answered.Zip(typed))
        {
            if (answer is "" or "-")
            {
                continue;
            }

            if (Response(printed.Question.Body, printed.Order, answer) is { } response)
            {
                responses[printed.QuestionId] = response;
            }
            else
            {
                errors.Add(new PaperRowError(row, PaperRowProblem.BadAnswer, $"{printed.Number}: {answer}"));
            }
        }

        foreach (var essay in marked.Keys)
        {
            responses[essay] = new TextResponse(PaperEssayText);
        }

        return errors.Count == before ? new PaperAnswers(responses, marked) : null;
    }

    /// <summary>The paper as a closed attempt of <paramref name="participant"/>'s, scored against its version as printed.</summary>
    /// <param name="started">When the paper was sat; it counts as taking the quiz's whole time (it was not timed).</param>
    public QuizAttempt ToAttempt(PaperQuiz paper, PrintedVersion version, string participant, DateTime started, DateTime now)
    {
        var plan = version.Questions.Select(q => new PlannedQuestion(q.QuestionId, q.Order)).ToList();
        var score = AttemptScore.Of(paper.Definition, plan, version.Questions.ToDictionary(q => q.QuestionId, q => q.Question), Responses, Marked);
        return new QuizAttempt
        {
            Key = Guid.NewGuid(),
            QuizId = paper.QuizId,
            Participant = participant,
            PaperCode = version.Code,
            PlanJson = JsonSerializer.Serialize(plan, QuestionRows.Json),
            StartedUtc = started,
            FinishedUtc = started + (paper.Definition.TimeLimit ?? TimeSpan.Zero),
            SubmittedUtc = now,
            Marks = score.Marks,
            CorrectCount = score.CorrectCount,
            Passed = score.Passed,
            Answers = Responses.Select(r => new AttemptAnswer
            {
                QuestionId = r.Key, ResponseJson = JsonSerializer.Serialize(r.Value, QuestionRows.Json), Revision = 1, SavedUtc = now,
                MarkedFraction = Marked.TryGetValue(r.Key, out var fraction) ? fraction : null,
            }).ToList(),
        };
    }

    /// <param name="order">Printed position → stored index of the choices or matching answers (a Cloze gap's are printed in their own order).</param>
    private static QuestionResponse? Response(QuestionBody body, IReadOnlyList<int> order, string answer)
    {
        var letters = answer.ToUpperInvariant().Select(c => c - 'A').ToList();
        return body switch
        {
            ChoiceBody choice when letters.All(p => p >= 0 && p < order.Count) && (choice.Multiple || letters.Count == 1)
                => new ChoiceResponse(letters.Select(p => order[p]).ToHashSet()),
            TrueFalseBody when letters is [0 or 1] => new TrueFalseResponse(letters[0] == 0),
            ShortAnswerBody or NumericalBody => new TextResponse(answer),
            MatchingBody matching => MatchingResponse(matching, order, answer),
            ClozeBody cloze => ClozeResponse(cloze, answer),
            _ => null,
        };
    }

    /// <summary>
    /// A matching question's answers as its prompts' letters with the printed numbers ("a-2 b-1 c-3", in any order), or
    /// the numbers alone in the prompts' order ("2/1/3", "2 1 3", or "213" when no number has two digits); "-" for a
    /// prompt left blank. Null when a prompt is missing, named twice, or given a number the paper does not print.
    /// </summary>
    private static MatchingResponse? MatchingResponse(MatchingBody matching, IReadOnlyList<int> order, string answer)
    {
        var count = matching.Pairs.Count;
        var numbers = new int?[count];
        var lettered = LetteredMatch().Matches(answer);
        if (lettered.Count > 0)
        {
            if (LetteredMatch().Replace(answer, "").Any(char.IsLetterOrDigit))
            {
                return null;
            }

            foreach (Match match in lettered)
            {
                var prompt = char.ToLowerInvariant(match.Groups["prompt"].Value[0]) - 'a';
                if (prompt >= count || numbers[prompt] is not null)
                {
                    return null;
                }

                numbers[prompt] = match.Groups["number"].Value == "-" ? 0 : int.Parse(match.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        else
        {
            var parts = answer.Split(['/', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 1 && parts[0].Length == count && count > 1 && parts[0].All(c => char.IsAsciiDigit(c) || c == '-'))
            {
                parts = parts[0].Select(c => c.ToString()).ToArray();
            }

            if (parts.Length != count)
            {
                return null;
            }

            for (var i = 0; i < count; i++)
            {
                numbers[i] = parts[i] == "-" ? 0 : int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : -1;
            }
        }

        if (numbers.Any(n => n is null || n < 0 || n > order.Count))
        {
            return null;
        }

        // 0 stands for a prompt left blank: it has no match in the response.
        return new MatchingResponse(numbers.Select((n, prompt) => (n: n!.Value, prompt)).Where(x => x.n > 0).ToDictionary(x => x.prompt, x => order[x.n - 1]));
    }

    /// <summary>"a-2", "b) 1", "c:3", "d-" (a blank): a prompt's letter and the number written for it.</summary>
    [GeneratedRegex(@"(?<prompt>[a-zA-Z])\s*[-–:.)=]?\s*(?<number>\d+|-)")]
    private static partial Regex LetteredMatch();

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
            if (Response(body, PaperKey.GapOrder(body), gaps[i]) is not { } response)
            {
                return null;
            }

            given[i + 1] = response;
        }

        return new ClozeResponse(given);
    }

    /// <summary>
    /// The version's essays with the marks the paper jury gave them (as shares of each essay's mark); null when the marks
    /// are not one number per essay within its mark.
    /// </summary>
    private static Dictionary<long, decimal>? EssayMarks(PrintedVersion version, string typed)
    {
        var essays = version.Questions.Where(q => q.Question.Body is EssayBody).ToList();
        var marks = typed.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (marks.Count != essays.Count)
        {
            return null;
        }

        var marked = new Dictionary<long, decimal>();
        foreach (var (essay, mark) in essays.Zip(marks))
        {
            var most = essay.Question.Settings.DefaultMark;
            if (!QuestionGrader.TryParseNumber(mark, out var value) || value < 0 || value > most)
            {
                return null;
            }

            marked[essay.QuestionId] = most == 0 ? 0 : value / most;
        }

        return marked;
    }
}
