using System.Security.Cryptography;
using System.Text;
using ChildProtection.Core;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Quizzes.Attempts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Training.Contests;

/// <summary>
/// Law contests on the quiz engine: rounds, entries verified by a one-time code (one per person per round), rankings
/// by each contest's rules, and results the public sees only once an organiser approves them.
/// </summary>
public sealed class ContestService(TrainingDbContext db, QuizService quizzes, ContestUnits units, TimeProvider clock, IOptions<ContestOptions> options)
{
    private ContestOptions Options => options.Value;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    public async Task<IReadOnlyList<Contest>> ContestsAsync(CancellationToken ct = default) =>
        await db.Contests.AsNoTracking().Include(c => c.Rounds.OrderBy(r => r.Number)).OrderByDescending(c => c.CreatedUtc).ToListAsync(ct);

    public async Task<Contest?> FindAsync(string slug, CancellationToken ct = default) =>
        await db.Contests.AsNoTracking().Include(c => c.Rounds.OrderBy(r => r.Number)).FirstOrDefaultAsync(c => c.Slug == slug, ct);

    public async Task<Contest?> FindAsync(Guid key, CancellationToken ct = default) =>
        await db.Contests.AsNoTracking().Include(c => c.Rounds.OrderBy(r => r.Number)).FirstOrDefaultAsync(c => c.Key == key, ct);

    /// <summary>Creates the contest and one quiz per round, all or nothing.</summary>
    public async Task<Attempt<Contest, ContestStatus>> CreateAsync(ContestDraft draft, CancellationToken ct = default)
    {
        if (draft.Rounds.Count == 0 || draft.Rounds.Any(r => r.OpensUtc >= r.ClosesUtc) || (draft.Draws is null && draft.QuestionsPerRound < 1) || draft.TimeLimitMinutes < 1)
        {
            return Attempt.Fail(ContestStatus.InvalidSchedule);
        }

        var categories = await quizzes.CategoriesAsync(draft.BankName, ct);
        if (categories.Count == 0)
        {
            return Attempt.Fail(ContestStatus.QuestionBankMissing);
        }

        if (draft.Draws is { } chosen && (chosen.Any(d => d.Count < 0) || CategoryDraws.Shortages(categories, chosen).Count > 0))
        {
            return Attempt.Fail(ContestStatus.CategoryTooSmall);
        }

        var draws = draft.Draws?.Where(d => d.Count > 0).ToList() ?? CategoryDraws.Proportional(categories, draft.QuestionsPerRound);
        if (draws.Count == 0)
        {
            return Attempt.Fail(ContestStatus.NothingDrawn);
        }

        if (await db.Contests.AnyAsync(c => c.Slug == draft.Slug, ct))
        {
            return Attempt.Fail(ContestStatus.SlugTaken);
        }

        // A written part has no "correct" answer: where the rules rank by the most correct, such a round ranks by marks.
        var order = draft.RankingOrder.Count > 0 ? draft.RankingOrder : ContestRanking.DefaultOrder;
        if (await quizzes.DrawsEssaysAsync(draft.BankName, draws, ct))
        {
            order = order.Select(c => c == RankingCriterion.MostCorrect ? RankingCriterion.HighestMarks : c).Distinct().ToList();
        }

        var contest = new Contest
        {
            Key = Guid.NewGuid(),
            Title = draft.Title.Trim(),
            Slug = draft.Slug,
            Description = draft.Description.Trim(),
            BankName = draft.BankName,
            // The tie-break answer counts entries with every question right, so the count must be what a round really draws.
            QuestionsPerRound = draws.Sum(d => d.Count),
            TimeLimitMinutes = draft.TimeLimitMinutes,
            RankingOrder = string.Join(',', order),
            CreatedUtc = Now,
        };

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Every round draws from the same bank, so right answers wait until the last round has closed, if shown at all.
        var lastClose = draft.Rounds.Max(r => r.ClosesUtc);
        var review = draft.ShowAnswersAfterLastRound ? ReviewPolicy.AfterClose : ReviewPolicy.Never;
        foreach (var (schedule, number) in draft.Rounds.OrderBy(r => r.OpensUtc).Select((r, i) => (r, i + 1)))
        {
            var round = new ContestRound { Number = number, OpensUtc = schedule.OpensUtc, ClosesUtc = schedule.ClosesUtc, QuizKey = Guid.NewGuid() };
            var rules = new QuizRules(TimeSpan.FromMinutes(contest.TimeLimitMinutes), MaxAttempts: 1, review, round.OpensUtc, round.ClosesUtc, lastClose);
            await quizzes.EnsureQuizAsync(round.QuizKey, contest.Title, contest.BankName, draws, passMark: 0, ct, rules);
            contest.Rounds.Add(round);
        }

        db.Contests.Add(contest);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Attempt.SucceedWithStatus(ContestStatus.Success, contest);
    }

    /// <summary>
    /// The entry form: creates the entry (or refreshes an unverified one) and a new one-time code. Limits are kept in
    /// the database rather than in a node's memory so that they hold across web nodes and restarts, and because the
    /// e-mail they count by is in the form, not in anything a request pipeline limiter sees.
    /// </summary>
    public async Task<Attempt<EntryCode, ContestStatus>> RequestCodeAsync(int roundId, EntryDetails details, string clientAddress, CancellationToken ct = default)
    {
        if (await db.ContestRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct) is not { } round)
        {
            return Attempt.Fail(ContestStatus.NotFound);
        }

        var now = Now;
        switch (round.StateAt(now))
        {
            case RoundState.Upcoming:
                return Attempt.Fail(ContestStatus.RoundNotOpenYet);
            case RoundState.Closed:
                return Attempt.Fail(ContestStatus.RoundClosed);
        }

        var email = NormaliseEmail(details.Email);
        var entry = await db.ContestEntries.FirstOrDefaultAsync(e => e.RoundId == roundId && e.Email == email, ct);
        var unitId = await units.MatchAsync(details.School.Trim(), ct);
        var client = Limits.ClientRequestLimiter.HashAddress(clientAddress);
        if (!await TryTakeCodeRequestAsync(email, client, now, ct))
        {
            return Attempt.Fail(ContestStatus.TooManyRequests);
        }

        if (entry is { Verified: true })
        {
            // Counted and answered like a new entry (the limits, a code page of its own, the same one each time), so
            // that nobody learns from the form that this address, often a child's, took part.
            return Attempt.FailWithStatus(ContestStatus.AlreadyEntered, new EntryCode(DecoyKey(entry.Key), null));
        }

        if (entry is null)
        {
            entry = new ContestEntry { Key = Guid.NewGuid(), RoundId = roundId, FullName = "", BirthDateOrClass = "", School = "", Email = email, CreatedUtc = now };
            db.ContestEntries.Add(entry);
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        (entry.FullName, entry.BirthDateOrClass, entry.School) = (details.FullName.Trim(), details.BirthDateOrClass.Trim(), details.School.Trim());
        entry.UnitId = unitId;
        (entry.CodeHash, entry.CodeExpiresUtc, entry.CodeTries) = (CodeHash(entry.Key, code), now + Options.CodeLifetime, 0);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same person sent the form twice at once: the unique index let one of them through.
            return Attempt.Fail(ContestStatus.AlreadyEntered);
        }

        return Attempt.SucceedWithStatus(ContestStatus.Success, new EntryCode(entry.Key, code));
    }

    /// <summary>
    /// Counts a code request for the address and the client unless either has reached its hourly limit, in one
    /// statement, so that requests sent at once cannot all pass the same count.
    /// </summary>
    private async Task<bool> TryTakeCodeRequestAsync(string email, string client, DateTime now, CancellationToken ct)
    {
        var hourAgo = now.AddHours(-1);
        var (perEmail, perClient) = (Options.CodesPerEmailPerHour, Options.CodesPerClientPerHour);
        var taken = await db.OneAtATimeAsync([$"contest-code-email:{email}", $"contest-code-client:{client}"], () => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "contestCodeRequest" ("Email", "ClientHash", "SentUtc")
            SELECT {email}, {client}, {now}
            WHERE (SELECT COUNT(*) FROM "contestCodeRequest" WHERE "Email" = {email} AND "SentUtc" >= {hourAgo}) < {perEmail}
              AND (SELECT COUNT(*) FROM "contestCodeRequest" WHERE "ClientHash" = {client} AND "SentUtc" >= {hourAgo}) < {perClient}
            """, ct), ct);
        return taken == 1;
    }

    /// <summary>The code page's key shown for an entry that is already verified: stable, unguessable, and no entry's key.</summary>
    private static Guid DecoyKey(Guid entryKey) =>
        new(SHA256.HashData(Encoding.ASCII.GetBytes($"decoy:{entryKey:N}")).AsSpan(0, 16));

    /// <summary>Checks the code; the right one verifies the entry and starts its attempt, whose key it returns (a second call returns the same attempt).</summary>
    public async Task<Attempt<Guid, ContestStatus>> VerifyAsync(Guid entryKey, string code, CancellationToken ct = default)
    {
        if (await db.ContestEntries.FirstOrDefaultAsync(e => e.Key == entryKey, ct) is not { } entry)
        {
            return Attempt.Fail(ContestStatus.NotFound);
        }

        if (entry is { Verified: true, AttemptKey: { } attemptKey })
        {
            return Attempt.SucceedWithStatus(ContestStatus.Success, attemptKey);
        }

        var round = await db.ContestRounds.AsNoTracking().FirstAsync(r => r.Id == entry.RoundId, ct);
        var now = Now;
        if (round.StateAt(now) == RoundState.Closed)
        {
            return Attempt.Fail(ContestStatus.RoundClosed);
        }

        if (entry.CodeTries >= Options.MaxCodeTries)
        {
            return Attempt.Fail(ContestStatus.TooManyTries);
        }

        if (entry.CodeHash is null || entry.CodeExpiresUtc <= now)
        {
            return Attempt.Fail(ContestStatus.CodeExpired);
        }

        // The try is counted before the code is compared, in one statement that refuses once the tries are used up:
        // wrong codes sent at once cannot all be compared against the same count.
        var maxTries = Options.MaxCodeTries;
        if (await db.ContestEntries.Where(e => e.Id == entry.Id && e.CodeTries < maxTries)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.CodeTries, e => e.CodeTries + 1), ct) == 0)
        {
            return Attempt.Fail(ContestStatus.TooManyTries);
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry.CodeHash), Encoding.ASCII.GetBytes(CodeHash(entry.Key, code.Trim()))))
        {
            return Attempt.Fail(entry.CodeTries + 1 >= maxTries ? ContestStatus.TooManyTries : ContestStatus.WrongCode);
        }

        var started = await quizzes.StartAttemptAsync(round.QuizKey, entry.Key.ToString("N"), ct);
        if (started is not { Success: true, Result: var attempt })
        {
            return Attempt.Fail(started.Status == AttemptStatus.NotOpenYet ? ContestStatus.RoundNotOpenYet : ContestStatus.RoundClosed);
        }

        (entry.Verified, entry.CodeHash, entry.CodeExpiresUtc, entry.AttemptKey) = (true, null, null, attempt.Key);
        await db.SaveChangesAsync(ct);
        return Attempt.SucceedWithStatus(ContestStatus.Success, attempt.Key);
    }

    public async Task<EntryContext?> EntryByAttemptAsync(Guid attemptKey, CancellationToken ct = default)
    {
        if (await db.ContestEntries.AsNoTracking().FirstOrDefaultAsync(e => e.AttemptKey == attemptKey, ct) is not { } entry)
        {
            return null;
        }

        var round = await db.ContestRounds.AsNoTracking().FirstAsync(r => r.Id == entry.RoundId, ct);
        return new EntryContext(entry, round, await db.Contests.AsNoTracking().FirstAsync(c => c.Id == round.ContestId, ct));
    }

    /// <summary>Takes the tie-break guess while the attempt still accepts answers, then submits it (idempotent).</summary>
    public async Task<Attempt<AttemptScore, AttemptStatus>> SubmitAsync(Guid attemptKey, long? guess, CancellationToken ct = default)
    {
        var entry = await db.ContestEntries.FirstOrDefaultAsync(e => e.AttemptKey == attemptKey, ct);
        var attempt = await db.QuizAttempts.AsNoTracking().FirstOrDefaultAsync(a => a.Key == attemptKey, ct);
        if (entry is null || attempt is null)
        {
            return Attempt.Fail(AttemptStatus.AttemptNotFound);
        }

        if (guess is >= 0 && new AttemptClock(attempt.StartedUtc, attempt.DeadlineUtc).Accepts(Now, attempt.SubmittedUtc is not null) == AnswerAcceptance.Accepted)
        {
            entry.Guess = guess;
            await db.SaveChangesAsync(ct);
        }

        return await quizzes.SubmitAsync(attemptKey, ct);
    }

    /// <summary>Every submitted entry of the round, ranked by the contest's rules.</summary>
    public async Task<IReadOnlyList<Standing>> StandingsAsync(int roundId, CancellationToken ct = default)
    {
        var contest = await (from round in db.ContestRounds
                             join c in db.Contests on round.ContestId equals c.Id
                             where round.Id == roundId
                             select c).AsNoTracking().FirstOrDefaultAsync(ct);
        if (contest is null)
        {
            return [];
        }

        var rows = await (from entry in db.ContestEntries.AsNoTracking()
                          join attempt in db.QuizAttempts.AsNoTracking() on entry.AttemptKey equals (Guid?)attempt.Key
                          where entry.RoundId == roundId && attempt.SubmittedUtc != null
                          select new { Entry = entry, attempt.CorrectCount, attempt.Marks, attempt.StartedUtc, attempt.FinishedUtc, attempt.SubmittedUtc }).ToListAsync(ct);
        var byId = rows.ToDictionary(r => r.Entry.Id);
        var ranked = ContestRanking.Rank(
            rows.Select(r => new RankableEntry(r.Entry.Id, r.CorrectCount ?? 0, r.FinishedUtc!.Value - r.StartedUtc, r.Entry.Guess, r.StartedUtc, r.SubmittedUtc!.Value, r.Marks ?? 0)).ToList(),
            contest.QuestionsPerRound,
            contest.RankingCriteria());
        return ranked.Select(r => new Standing(r.Rank, byId[r.Entry.EntryId].Entry, r.Entry.Correct, r.Entry.Duration, r.Entry.SubmittedUtc, r.Entry.Marks)).ToList();
    }

    /// <summary>
    /// The public leaderboard: shortened names and schools only (for a child of a registered class, the first name's
    /// initial and the class), and nothing until the results are approved.
    /// </summary>
    public async Task<IReadOnlyList<LeaderboardRow>?> LeaderboardAsync(ContestRound round, int top = 100, CancellationToken ct = default) =>
        round.ResultsPublishedUtc is null
            ? null
            : (await StandingsAsync(round.Id, ct)).Take(top).Select(s => new LeaderboardRow(
                s.Rank,
                s.Entry.ClassId is null ? PublicName.Shorten(s.Entry.FullName) : PublicName.Initial(s.Entry.FullName, s.Entry.BirthDateOrClass),
                s.Entry.School,
                s.Correct,
                s.Duration,
                s.Marks)).ToList();

    /// <summary>Publishes a closed round's results, once every attempt has been closed (late ones by the server) and every essay has its final mark.</summary>
    public async Task<ContestStatus> ApproveResultsAsync(int roundId, CancellationToken ct = default)
    {
        if (await db.ContestRounds.FirstOrDefaultAsync(r => r.Id == roundId, ct) is not { } round)
        {
            return ContestStatus.NotFound;
        }

        if (Now < round.ClosesUtc + QuizDefinition.GracePeriod)
        {
            return ContestStatus.RoundNotClosed;
        }

        await quizzes.SubmitOverdueAsync(ct);
        if (await db.QuizAttempts.AnyAsync(a => db.Quizzes.Any(q => q.Id == a.QuizId && q.Key == round.QuizKey) && a.AwaitingMarks, ct))
        {
            return ContestStatus.MarkingUnfinished;
        }

        round.ResultsPublishedUtc ??= Now;
        await db.SaveChangesAsync(ct);
        return ContestStatus.Success;
    }

    /// <summary>Live counts per round: entry forms sent, attempts started, attempts submitted.</summary>
    public async Task<IReadOnlyList<RoundCounts>> CountsAsync(Contest contest, CancellationToken ct = default)
    {
        var roundIds = contest.Rounds.Select(r => r.Id).ToList();
        var registered = await db.ContestEntries.Where(e => roundIds.Contains(e.RoundId)).GroupBy(e => e.RoundId)
            .Select(g => new { RoundId = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.RoundId, g => g.Count, ct);
        var attempts = await (from entry in db.ContestEntries
                              join attempt in db.QuizAttempts on entry.AttemptKey equals (Guid?)attempt.Key
                              where roundIds.Contains(entry.RoundId)
                              group attempt by entry.RoundId into g
                              select new { RoundId = g.Key, Started = g.Count(), Submitted = g.Count(a => a.SubmittedUtc != null) }).ToDictionaryAsync(g => g.RoundId, ct);
        return contest.Rounds.Select(r => new RoundCounts(
            r,
            registered.GetValueOrDefault(r.Id),
            attempts.GetValueOrDefault(r.Id)?.Started ?? 0,
            attempts.GetValueOrDefault(r.Id)?.Submitted ?? 0)).ToList();
    }

    /// <summary>Every entry of the round, ranked ones first in rank order, then the rest in the order they came.</summary>
    public async Task<IReadOnlyList<EntryExportRow>> ExportAsync(int roundId, CancellationToken ct = default)
    {
        var standings = (await StandingsAsync(roundId, ct)).ToDictionary(s => s.Entry.Id);
        var rows = await (from entry in db.ContestEntries.AsNoTracking()
                          where entry.RoundId == roundId
                          join attempt in db.QuizAttempts.AsNoTracking() on entry.AttemptKey equals (Guid?)attempt.Key into attempts
                          from attempt in attempts.DefaultIfEmpty()
                          join registered in db.ContestClasses.AsNoTracking() on entry.ClassId equals (int?)registered.Id into classes
                          from registered in classes.DefaultIfEmpty()
                          select new
                          {
                              Entry = entry,
                              StartedUtc = (DateTime?)attempt.StartedUtc,
                              Class = registered == null ? null : new ExportedClass(registered.Name, registered.OrganiserName),
                          }).ToListAsync(ct);
        return rows.Select(r => standings.TryGetValue(r.Entry.Id, out var s)
                ? new EntryExportRow(r.Entry, s.Rank, s.Correct, s.Duration, r.StartedUtc, s.SubmittedUtc, r.Class, s.Marks)
                : new EntryExportRow(r.Entry, null, null, null, r.StartedUtc, null, r.Class))
            .OrderBy(r => r.Rank ?? int.MaxValue).ThenBy(r => r.Entry.Id).ToList();
    }

    private static string CodeHash(Guid entryKey, string code) =>
        Convert.ToHexString(HMACSHA256.HashData(entryKey.ToByteArray(), Encoding.ASCII.GetBytes(code)));
}
