using System.Security.Cryptography;
using System.Text.Json;
using ChildProtection.Core;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes.Attempts;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Quizzes;

/// <summary>
/// Quizzes on the server's terms: it plans each attempt from a seed, keeps every saved answer, enforces the
/// deadline by its own clock, and scores. Nothing that decides a score reaches the browser before the attempt
/// is closed.
/// </summary>
public sealed partial class QuizService(TrainingDbContext db, QuizMetrics metrics, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = QuestionRows.Json;

    /// <summary>A participant's attempts at a quiz, newest first.</summary>
    public async Task<IReadOnlyList<QuizAttempt>> AttemptsAsync(Guid quizKey, string participant, CancellationToken ct = default) =>
        await (from attempt in db.QuizAttempts.AsNoTracking()
               join quiz in db.Quizzes on attempt.QuizId equals quiz.Id
               where quiz.Key == quizKey && attempt.Participant == participant
               orderby attempt.Id descending
               select attempt).ToListAsync(ct);

    /// <summary>The attempt as its page shows it.</summary>
    public Task<AttemptState?> GetStateAsync(Guid attemptKey, CancellationToken ct = default) => StateAsync(attemptKey, withDescriptions: true, ct);

    /// <param name="withDescriptions">Whether the page shows the attempt's description items (only an open attempt's page does).</param>
    private async Task<AttemptState?> StateAsync(Guid attemptKey, bool withDescriptions, CancellationToken ct)
    {
        if (await LoadAsync(attemptKey, ct) is not { } loaded)
        {
            return null;
        }

        var (attempt, quiz, definition, plan) = loaded;
        var bank = await QuestionsAsync(plan.Select(p => p.QuestionId), ct);
        var rows = await db.AttemptAnswers.AsNoTracking().Where(a => a.AttemptId == attempt.Id).ToListAsync(ct);
        var stored = rows.ToDictionary(r => r.QuestionId, r => JsonSerializer.Deserialize<QuestionResponse>(r.ResponseJson, Json)!);
        var answers = new Dictionary<long, QuestionResponse>();
        foreach (var planned in plan.Where(p => stored.ContainsKey(p.QuestionId)))
        {
            answers[planned.QuestionId] = ToDisplay(stored[planned.QuestionId], planned);
        }

        var score = attempt.SubmittedUtc is null ? null : AttemptScore.Of(definition, plan, bank, stored, Marked(rows));
        var view = View(attempt, plan, bank);
        var review = score is not null && AttemptReview.Allowed(definition, quiz.ClosesUtc, clock.GetUtcNow().UtcDateTime)
            ? plan.Select((p, i) => AttemptReview.Of(view.Questions[i], p, bank[p.QuestionId], answers.GetValueOrDefault(p.QuestionId), score.Grades[i])).ToList()
            : null;
        var attachments = view.Questions.Any(q => q.Essay is { AllowAttachment: true }) ? await AttachmentNamesAsync(attempt.Id, ct) : null;
        return new AttemptState(attempt, quiz.Title, definition, view, answers, rows.ToDictionary(r => r.QuestionId, r => r.Revision), score, review, attachments,
            withDescriptions && attempt.SubmittedUtc is null ? await DescriptionsAsync(quiz.BankId, plan, bank, attempt.StartedUtc, ct) : null);
    }

    /// <summary>Who the attempt belongs to (a learner's id or a contest entry's key); null if there is no such attempt.</summary>
    public async Task<string?> ParticipantAsync(Guid attemptKey, CancellationToken ct = default) =>
        await db.QuizAttempts.Where(a => a.Key == attemptKey).Select(a => a.Participant).FirstOrDefaultAsync(ct);

    public async Task<Attempt<AttemptView, AttemptStatus>> StartAttemptAsync(Guid quizKey, string participant, CancellationToken ct = default)
    {
        if (await db.Quizzes.AsNoTracking().FirstOrDefaultAsync(q => q.Key == quizKey, ct) is not { } quiz)
        {
            return Attempt.Fail(AttemptStatus.QuizNotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (quiz.OpensUtc > now)
        {
            return Attempt.Fail(AttemptStatus.NotOpenYet);
        }

        if (quiz.ClosesUtc <= now)
        {
            return Attempt.Fail(AttemptStatus.Closed);
        }

        var definition = Definition(quiz);
        if (definition.MaxAttempts is { } max && await db.QuizAttempts.CountAsync(a => a.QuizId == quiz.Id && a.Participant == participant, ct) >= max)
        {
            return Attempt.Fail(AttemptStatus.NoAttemptsLeft);
        }

        var attemptClock = AttemptClock.Start(definition, now, quiz.ClosesUtc);
        var bank = await DrawableQuestionsAsync(quiz, definition, now, ct);
        var seed = RandomNumberGenerator.GetInt32(int.MaxValue);
        var plan = AttemptPlanner.Plan(definition, bank, seed);
        var attempt = new QuizAttempt
        {
            Key = Guid.NewGuid(),
            QuizId = quiz.Id,
            Participant = participant,
            Seed = seed,
            PlanJson = JsonSerializer.Serialize(plan, Json),
            StartedUtc = now,
            DeadlineUtc = attemptClock.Deadline,
        };
        db.QuizAttempts.Add(attempt);
        await db.SaveChangesAsync(ct);
        return Attempt.SucceedWithStatus(AttemptStatus.Success, View(attempt, plan, bank));
    }

    /// <summary>
    /// Autosave of one answer. <paramref name="displayResponse"/> uses the positions the learner saw; it is
    /// stored in the question's own terms. Replays and late older saves change nothing.
    /// </summary>
    public Task<Attempt<AttemptStatus>> SaveAnswerAsync(Guid attemptKey, long questionId, QuestionResponse displayResponse, int revision, CancellationToken ct = default) =>
        SaveAnswerAsync(attemptKey, questionId, _ => displayResponse, revision, ct);

    /// <summary>
    /// Autosave of one answer, read by <paramref name="read"/> from the question as the learner saw it (a form's fields
    /// depend on its type and its prompts). The busiest request of a contest: it reads the attempt, the one question and
    /// the answer saved before, and writes one row.
    /// </summary>
    public async Task<Attempt<AttemptStatus>> SaveAnswerAsync(Guid attemptKey, long questionId, Func<AttemptQuestionView, QuestionResponse> read, int revision, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var saved = await SaveOneAnswerAsync(attemptKey, questionId, read, revision, ct);
        metrics.Autosaved(saved.Status, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return saved;
    }

    private async Task<Attempt<AttemptStatus>> SaveOneAnswerAsync(Guid attemptKey, long questionId, Func<AttemptQuestionView, QuestionResponse> read, int revision, CancellationToken ct)
    {
        if (await LoadAsync(attemptKey, ct) is not var (attempt, _, _, plan))
        {
            return Attempt.Fail(AttemptStatus.AttemptNotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (Acceptance(attempt, now) is { } refused)
        {
            return Attempt.Fail(refused);
        }

        if (plan.FirstOrDefault(p => p.QuestionId == questionId) is not { } planned)
        {
            return Attempt.Fail(AttemptStatus.QuestionNotInAttempt);
        }

        var question = (await QuestionsAsync([questionId], ct))[questionId];
        var json = JsonSerializer.Serialize(ToStored(read(ViewOf(planned, question)), planned), Json);
        // Its commit does not wait for the disk: the hand-in sends every answer again and commits as usual.
        var written = await db.AsynchronousCommitAsync(() => WriteAnswerAsync(attempt.Id, questionId, json, revision, now, ct), ct);
        return written == AttemptStatus.Success ? Attempt.Succeed(written) : Attempt.Fail(written);
    }

    /// <summary>
    /// Writes one answer unless a newer revision is saved. Two saves of one question may arrive at once (a replayed
    /// request, a second tab): the first answer's insert and every later overwrite are decided by the database, so the
    /// newer revision stays whichever lands last, and a twin of the first save is taken as done rather than failing.
    /// </summary>
    private async Task<AttemptStatus> WriteAnswerAsync(long attemptId, long questionId, string json, int revision, DateTime now, CancellationToken ct)
    {
        var saved = await SavedAnswerAsync(attemptId, questionId, ct);
        if (saved is null)
        {
            var row = new AttemptAnswer { AttemptId = attemptId, QuestionId = questionId, ResponseJson = json, Revision = revision, SavedUtc = now };
            db.AttemptAnswers.Add(row);
            try
            {
                await db.SaveChangesAsync(ct);
                return AttemptStatus.Success;
            }
            catch (DbUpdateException)
            {
                db.Entry(row).State = EntityState.Detached;
                saved = await SavedAnswerAsync(attemptId, questionId, ct);
                if (saved is null)
                {
                    throw;
                }
            }
        }

        if (revision > saved.Revision)
        {
            var written = await db.AttemptAnswers.Where(a => a.AttemptId == attemptId && a.QuestionId == questionId && a.Revision < revision)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.ResponseJson, json).SetProperty(x => x.Revision, revision).SetProperty(x => x.SavedUtc, now), ct);
            if (written == 1)
            {
                return AttemptStatus.Success;
            }

            saved = await SavedAnswerAsync(attemptId, questionId, ct) ?? saved;
        }

        return revision == saved.Revision && saved.ResponseJson == json ? AttemptStatus.Success : AttemptStatus.StaleRevision;
    }

    private Task<AttemptAnswer?> SavedAnswerAsync(long attemptId, long questionId, CancellationToken ct) =>
        db.AttemptAnswers.AsNoTracking().FirstOrDefaultAsync(a => a.AttemptId == attemptId && a.QuestionId == questionId, ct);

    /// <summary>
    /// Saves the answers a submitted form carries (in the positions shown) in one write, each as the next revision of
    /// its question; an answer the same as the one saved is left as it is.
    /// </summary>
    public async Task<Attempt<AttemptStatus>> SaveAnswersAsync(Guid attemptKey, IReadOnlyDictionary<long, QuestionResponse> displayResponses, CancellationToken ct = default)
    {
        if (await LoadAsync(attemptKey, ct) is not var (attempt, _, _, plan))
        {
            return Attempt.Fail(AttemptStatus.AttemptNotFound);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (Acceptance(attempt, now) is { } refused)
        {
            return Attempt.Fail(refused);
        }

        for (var tries = 0; ; tries++)
        {
            var existing = await db.AttemptAnswers.Where(a => a.AttemptId == attempt.Id).ToDictionaryAsync(a => a.QuestionId, ct);
            foreach (var planned in plan.Where(p => displayResponses.ContainsKey(p.QuestionId)))
            {
                var json = JsonSerializer.Serialize(ToStored(displayResponses[planned.QuestionId], planned), Json);
                if (!existing.TryGetValue(planned.QuestionId, out var saved))
                {
                    db.AttemptAnswers.Add(new AttemptAnswer { AttemptId = attempt.Id, QuestionId = planned.QuestionId, ResponseJson = json, Revision = 1, SavedUtc = now });
                }
                else if (saved.ResponseJson != json)
                {
                    (saved.ResponseJson, saved.Revision, saved.SavedUtc) = (json, saved.Revision + 1, now);
                }
            }

            try
            {
                await db.SaveChangesAsync(ct);
                return Attempt.Succeed(AttemptStatus.Success);
            }
            catch (DbUpdateException) when (tries == 0)
            {
                // An autosave inserted a question's first answer meanwhile: read what is saved now and apply the form again.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Closes the attempt and scores it; submitting again changes nothing and fails as
    /// <see cref="AttemptStatus.AlreadySubmitted"/> with the same score.
    /// </summary>
    public async Task<Attempt<AttemptScore, AttemptStatus>> SubmitAsync(Guid attemptKey, CancellationToken ct = default)
    {
        if (await LoadAsync(attemptKey, ct) is not var (attempt, _, definition, plan))
        {
            return Attempt.Fail(AttemptStatus.AttemptNotFound);
        }

        if (attempt.SubmittedUtc is not null)
        {
            return Attempt.FailWithStatus(AttemptStatus.AlreadySubmitted, await ScoreAsync(attempt, definition, plan, ct));
        }

        return await CloseAsync(attempt, definition, plan, byServer: false, ct);
    }

    /// <summary>Submits every attempt still open past its deadline and grace, with what was saved (the recurring job's work); returns how many it closed.</summary>
    public async Task<int> SubmitOverdueAsync(CancellationToken ct = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - QuizDefinition.GracePeriod;
        var overdue = await db.QuizAttempts.Where(a => a.SubmittedUtc == null && a.DeadlineUtc < cutoff).Select(a => a.Key).ToListAsync(ct);
        var closed = 0;
        foreach (var key in overdue)
        {
            if (await LoadAsync(key, ct) is var (attempt, _, definition, plan) && attempt.SubmittedUtc is null
                && (await CloseAsync(attempt, definition, plan, byServer: true, ct)).Success)
            {
                closed++;
            }
        }

        return closed;
    }

    private static AttemptStatus? Acceptance(QuizAttempt attempt, DateTime now) =>
        new AttemptClock(attempt.StartedUtc, attempt.DeadlineUtc).Accepts(now, attempt.SubmittedUtc is not null) switch
        {
            AnswerAcceptance.Accepted => null,
            AnswerAcceptance.AttemptClosed => AttemptStatus.AlreadySubmitted,
            _ => AttemptStatus.DeadlinePassed,
        };

    /// <summary>
    /// Scores and closes the attempt. Closing is conditional on the attempt being open, so of two closings at once (a
    /// double click, the deadline job on two nodes) exactly one is recorded and the other is told it came second.
    /// </summary>
    private async Task<Attempt<AttemptScore, AttemptStatus>> CloseAsync(QuizAttempt attempt, QuizDefinition definition, IReadOnlyList<PlannedQuestion> plan, bool byServer, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var scored = await ScoredAsync(attempt, definition, plan, ct);
        var score = scored.Score;
        var finished = new AttemptClock(attempt.StartedUtc, attempt.DeadlineUtc).FinishedAt(now);
        var closed = await db.QuizAttempts.Where(a => a.Id == attempt.Id && a.SubmittedUtc == null).ExecuteUpdateAsync(a => a
            .SetProperty(x => x.SubmittedUtc, now)
            .SetProperty(x => x.FinishedUtc, finished)
            .SetProperty(x => x.SubmittedByServer, byServer)
            .SetProperty(x => x.Marks, score.Marks)
            .SetProperty(x => x.CorrectCount, score.CorrectCount)
            .SetProperty(x => x.Passed, score.Passed)
            .SetProperty(x => x.AwaitingMarks, score.AwaitingMarks), ct);
        if (closed == 1 && scored.BlankEssays.Count > 0)
        {
            await MarkBlankEssaysAsync(attempt.Id, scored.BlankEssays, ct);
        }

        // The tracked copy no longer says what is stored: later queries of this context read the row again.
        db.Entry(attempt).State = EntityState.Detached;
        return closed == 1
            ? Attempt.SucceedWithStatus(AttemptStatus.Success, score)
            : Attempt.FailWithStatus(AttemptStatus.AlreadySubmitted, await ScoreAsync(attempt, definition, plan, ct));
    }

    /// <summary>The attempt (tracked, to be closed or planned) with its quiz, its rules and its plan, in one query.</summary>
    private async Task<LoadedAttempt?> LoadAsync(Guid attemptKey, CancellationToken ct)
    {
        var row = await (from attempt in db.QuizAttempts
                         join quiz in db.Quizzes on attempt.QuizId equals quiz.Id
                         where attempt.Key == attemptKey
                         select new { attempt, quiz }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var definition = Definition(row.quiz);
        if (row.attempt.PlanJson is null)
        {
            // Started before plans were kept: drawn from the seed and the bank as it was at the start, once, and kept from then on.
            var plan = AttemptPlanner.Plan(definition, await DrawableQuestionsAsync(row.quiz, definition, row.attempt.StartedUtc, ct), row.attempt.Seed);
            row.attempt.PlanJson = JsonSerializer.Serialize(plan, Json);
            await db.SaveChangesAsync(ct);
        }

        return new LoadedAttempt(row.attempt, row.quiz, definition, JsonSerializer.Deserialize<List<PlannedQuestion>>(row.attempt.PlanJson, Json)!);
    }

    private static AttemptView View(QuizAttempt attempt, IReadOnlyList<PlannedQuestion> plan, IReadOnlyDictionary<long, Question> bank) =>
        new(attempt.Key, attempt.StartedUtc, attempt.DeadlineUtc, plan.Select(p => ViewOf(p, bank[p.QuestionId])).ToList());

    private static AttemptQuestionView ViewOf(PlannedQuestion planned, Question question)
    {
        var (options, prompts) = question.Body switch
        {
            ChoiceBody choice => (planned.Order.Select(i => choice.Choices[i].Text).ToList(), new List<string>()),
            MatchingBody matching => (planned.Order.Select(i => matching.Options[i]).ToList(), matching.Pairs.Select(x => x.Prompt).ToList()),
            _ => ([], []),
        };
        return new AttemptQuestionView(planned.QuestionId, question.Type, question.Text, options, prompts, question.Format, question.Body is EssayBody essay ? EssayBox.Of(essay) : null,
            question.Body is ClozeBody cloze ? ClozeBlank.Of(cloze) : null);
    }

    /// <summary>The questions an attempt at the quiz that starts at <paramref name="asOf"/> may draw: those of its categories in the bank then.</summary>
    private async Task<IReadOnlyDictionary<long, Question>> DrawableQuestionsAsync(Quiz quiz, QuizDefinition definition, DateTime asOf, CancellationToken ct)
    {
        var categories = definition.Draws.Select(d => d.Category).ToList();
        var rows = await db.BankQuestions.AsNoTracking().Drawable()
            .Where(q => q.BankId == quiz.BankId && categories.Contains(q.Category) && q.CreatedUtc <= asOf && (q.RetiredUtc == null || q.RetiredUtc > asOf))
            .ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, QuestionRows.ToQuestion);
    }

    /// <summary>Questions by id, as they were asked.</summary>
    private async Task<IReadOnlyDictionary<long, Question>> QuestionsAsync(IEnumerable<long> ids, CancellationToken ct)
    {
        var wanted = ids.ToList();
        var rows = await db.BankQuestions.AsNoTracking().Where(q => wanted.Contains(q.Id)).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, QuestionRows.ToQuestion);
    }

    private static QuizDefinition Definition(Quiz quiz) => JsonSerializer.Deserialize<QuizDefinition>(quiz.DefinitionJson, Json)!;

    private sealed record LoadedAttempt(QuizAttempt Attempt, Quiz Quiz, QuizDefinition Definition, IReadOnlyList<PlannedQuestion> Plan);

    /// <summary>The question's own indexes → the positions the learner saw.</summary>
    private static QuestionResponse ToDisplay(QuestionResponse response, PlannedQuestion planned) => response switch
    {
        ChoiceResponse choice => new ChoiceResponse(choice.Selected.Select(i => planned.Order.ToList().IndexOf(i)).Where(i => i >= 0).ToHashSet()),
        MatchingResponse matching => new MatchingResponse(matching.Matches.ToDictionary(m => m.Key, m => planned.Order.ToList().IndexOf(m.Value))),
        _ => response,
    };

    /// <summary>Display positions → the question's own indexes (choices are shown shuffled).</summary>
    private static QuestionResponse ToStored(QuestionResponse response, PlannedQuestion planned) => response switch
    {
        ChoiceResponse choice => new ChoiceResponse(choice.Selected.Where(i => i >= 0 && i < planned.Order.Count).Select(i => planned.Order[i]).ToHashSet()),
        MatchingResponse matching => new MatchingResponse(matching.Matches.Where(m => m.Value >= 0 && m.Value < planned.Order.Count).ToDictionary(m => m.Key, m => planned.Order[m.Value])),
        _ => response,
    };
}
