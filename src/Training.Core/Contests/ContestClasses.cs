using System.Security.Cryptography;
using System.Text;
using ChildProtection.Core;
using ChildProtection.Training.Learning;
using ChildProtection.Training.Limits;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChildProtection.Training.Contests;

/// <summary>Whoever registers a class: a teacher or Đoàn officer signed in to the learner area, with the unit they belong to.</summary>
public sealed record ClassOrganiser(string AccountId, string Name, int UnitId);

/// <summary>A seat of a class's sheet with its code in clear: shown once, when the codes are made.</summary>
public sealed record SeatCode(int Number, string Code);

/// <summary>A registered class with its round and how far its children are.</summary>
public sealed record ClassSummary(ContestClass Class, Contest Contest, ContestRound Round, string UnitName, int Seats, int Used, int Submitted);

/// <summary>The sheet to print: every seat, with the codes made just now in clear and the seats already used marked.</summary>
public sealed record ClassSheet(ClassSummary Summary, IReadOnlyList<SeatCode> Codes, IReadOnlyList<int> UsedSeats);

/// <summary>One child of a class as the teacher sees them; the score once the attempt is handed in.</summary>
public sealed record ClassResultRow(int Seat, string FirstName, string ClassName, DateTime StartedUtc, bool Submitted, int? Correct, TimeSpan? Duration);

public sealed record ClassResults(ClassSummary Summary, IReadOnlyList<ClassResultRow> Rows);

public sealed record ClassEntryDetails(string Code, string FirstName, string ClassName);

/// <summary>
/// Class entry without e-mail: a teacher or Đoàn officer registers a class for a round and prints a sheet of
/// single-use codes; a child types a code, a first name and the class, and starts at once. A code is eight characters
/// from an alphabet without look-alikes (2^40 codes), stored only as a hash, good for its round only; wrong codes are
/// limited per client as the e-mailed codes' requests are, and a client over the limit is refused even a right code,
/// so that guessing gains nothing.
/// </summary>
public sealed class ContestClasses(TrainingDbContext db, QuizService quizzes, ClientRequestLimiter limiter, TimeProvider clock, IOptions<ContestOptions> options)
{
    /// <summary>Who works with a class of children: teachers, school managers and Đoàn officers register classes; others do not.</summary>
    public static bool MayRegister(LearnerRole role) => role is LearnerRole.Teacher or LearnerRole.SchoolManager or LearnerRole.YouthOfficer;

    /// <summary>No I, O, 0 or 1: what a child copies from paper must not be read two ways.</summary>
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int CodeLength = 8;
    private const string MissPurpose = "contest-class-code";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The rounds a class can still be registered for, soonest first.</summary>
    public async Task<IReadOnlyList<(Contest Contest, ContestRound Round)>> RoundsOpenForClassesAsync(CancellationToken ct = default)
    {
        var now = Now;
        var rounds = await (from round in db.ContestRounds.AsNoTracking()
                            join contest in db.Contests.AsNoTracking() on round.ContestId equals contest.Id
                            where round.ClosesUtc > now
                            orderby round.OpensUtc, round.Number
                            select new { contest, round }).ToListAsync(ct);
        return rounds.Select(r => (r.contest, r.round)).ToList();
    }

    /// <summary>Registers a class of <paramref name="seats"/> children for the round and makes its codes.</summary>
    public async Task<Attempt<ClassSheet, ContestStatus>> RegisterAsync(ClassOrganiser organiser, int roundId, string name, int seats, CancellationToken ct = default)
    {
        if (await db.ContestRounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == roundId, ct) is not { } round)
        {
            return Attempt.Fail(ContestStatus.NotFound);
        }

        if (round.StateAt(Now) == RoundState.Closed)
        {
            return Attempt.Fail(ContestStatus.RoundClosed);
        }

        if (seats < 1 || seats > options.Value.MaxSeatsPerClass)
        {
            return Attempt.Fail(ContestStatus.InvalidSeats);
        }

        var entity = new ContestClass
        {
            Key = Guid.NewGuid(),
            RoundId = roundId,
            UnitId = organiser.UnitId,
            Name = name.Trim(),
            OrganiserAccountId = organiser.AccountId,
            OrganiserName = organiser.Name,
            CreatedUtc = Now,
        };
        var codes = Enumerable.Range(1, seats).Select(number => new SeatCode(number, NewCode())).ToList();
        entity.Codes.AddRange(codes.Select(c => new ContestClassCode { Number = c.Number, CodeHash = Hash(c.Code) }));
        db.ContestClasses.Add(entity);
        await db.SaveChangesAsync(ct);
        return Attempt.SucceedWithStatus(ContestStatus.Success, new ClassSheet((await SummariesAsync(c => c.Id == entity.Id, ct)).Single(), codes, []));
    }

    /// <summary>New codes for the seats not used yet (a sheet lost or left at school); the old codes of those seats stop working.</summary>
    public async Task<ClassSheet?> ReissueAsync(string organiserAccountId, Guid classKey, CancellationToken ct = default)
    {
        if (await SummaryAsync(organiserAccountId, classKey, ct) is not { } summary || summary.Round.StateAt(Now) == RoundState.Closed)
        {
            return null;
        }

        var seats = await db.ContestClassCodes.Where(c => c.ClassId == summary.Class.Id).OrderBy(c => c.Number).ToListAsync(ct);
        var codes = new List<SeatCode>();
        foreach (var seat in seats.Where(s => s.UsedUtc is null))
        {
            var code = NewCode();
            seat.CodeHash = Hash(code);
            codes.Add(new SeatCode(seat.Number, code));
        }

        // A seat a child takes meanwhile stays taken: its new code then finds it used.
        await db.SaveChangesAsync(ct);
        return new ClassSheet(summary, codes, seats.Where(s => s.UsedUtc is not null).Select(s => s.Number).ToList());
    }

    /// <summary>The classes the organiser registered, newest first.</summary>
    public Task<IReadOnlyList<ClassSummary>> ClassesOfAsync(string organiserAccountId, CancellationToken ct = default) =>
        SummariesAsync(c => c.OrganiserAccountId == organiserAccountId, ct);

    /// <summary>Every class registered for the contest's rounds, for its organisers' page.</summary>
    public Task<IReadOnlyList<ClassSummary>> ClassesOfContestAsync(Contest contest, CancellationToken ct = default)
    {
        var roundIds = contest.Rounds.Select(r => r.Id).ToList();
        return SummariesAsync(c => roundIds.Contains(c.RoundId), ct);
    }

    /// <summary>The class's children with their scores; null when the class is not the organiser's.</summary>
    public async Task<ClassResults?> ResultsAsync(string organiserAccountId, Guid classKey, CancellationToken ct = default)
    {
        if (await SummaryAsync(organiserAccountId, classKey, ct) is not { } summary)
        {
            return null;
        }

        var rows = await (from seat in db.ContestClassCodes.AsNoTracking()
                          join entry in db.ContestEntries.AsNoTracking() on seat.EntryId equals (long?)entry.Id
                          join attempt in db.QuizAttempts.AsNoTracking() on entry.AttemptKey equals (Guid?)attempt.Key
                          where seat.ClassId == summary.Class.Id
                          orderby seat.Number
                          select new { seat.Number, entry.FullName, entry.BirthDateOrClass, attempt.StartedUtc, attempt.SubmittedUtc, attempt.FinishedUtc, attempt.CorrectCount }).ToListAsync(ct);
        return new ClassResults(summary, rows.Select(r => new ClassResultRow(
            r.Number, r.FullName, r.BirthDateOrClass, r.StartedUtc, r.SubmittedUtc is not null,
            r.SubmittedUtc is null ? null : r.CorrectCount ?? 0,
            r.SubmittedUtc is null ? null : r.FinishedUtc - r.StartedUtc)).ToList());
    }

    /// <summary>
    /// A child's entry with a class code: the seat taken, then the attempt and the entry, so that two children typing
    /// the same code at once make one entry, and the other is told the code was used.
    /// </summary>
    public async Task<Attempt<Guid, ContestStatus>> EnterAsync(ClassEntryDetails details, string clientAddress, CancellationToken ct = default)
    {
        var perHour = options.Value.ClassCodeMissesPerClientPerHour;
        if (await limiter.ReachedAsync(MissPurpose, clientAddress, perHour, ct))
        {
            return Attempt.Fail(ContestStatus.TooManyRequests);
        }

        var code = Normalise(details.Code);
        var hash = code is null ? null : Hash(code);
        var found = hash is null ? null : await (from seat in db.ContestClassCodes.AsNoTracking()
                                                 join registered in db.ContestClasses.AsNoTracking() on seat.ClassId equals registered.Id
                                                 join round in db.ContestRounds.AsNoTracking() on registered.RoundId equals round.Id
                                                 join unit in db.Units.AsNoTracking() on registered.UnitId equals unit.Id
                                                 where seat.CodeHash == hash
                                                 select new { seat, registered, round, School = unit.Name }).FirstOrDefaultAsync(ct);
        if (found is null)
        {
            return await limiter.TryTakeAsync(MissPurpose, clientAddress, perHour, ct)
                ? Attempt.Fail(ContestStatus.WrongCode)
                : Attempt.Fail(ContestStatus.TooManyRequests);
        }

        var now = Now;
        switch (found.round.StateAt(now))
        {
            case RoundState.Upcoming:
                return Attempt.Fail(ContestStatus.RoundNotOpenYet);
            case RoundState.Closed:
                return Attempt.Fail(ContestStatus.RoundClosed);
        }

        if (found.seat.UsedUtc is not null)
        {
            return Attempt.Fail(ContestStatus.CodeUsed);
        }

        // The seat is taken first, by one statement that takes it only while it is free: of two children typing one code
        // at once, the second finds it taken. No transaction spans the steps after it: drawing the attempt's questions
        // inside one held the database's only write lock (SQLite's) for every read, and at a school's bell that queued
        // the other entries past their time limit. A step that fails gives the seat back instead.
        if (await db.ContestClassCodes.Where(s => s.Id == found.seat.Id && s.UsedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.UsedUtc, now), ct) == 0)
        {
            return Attempt.Fail(ContestStatus.CodeUsed);
        }

        var entry = new ContestEntry
        {
            Key = Guid.NewGuid(),
            RoundId = found.round.Id,
            FullName = details.FirstName.Trim(),
            BirthDateOrClass = details.ClassName.Trim(),
            School = found.School,
            UnitId = found.registered.UnitId,
            ClassId = found.registered.Id,
            Verified = true,
            CreatedUtc = now,
        };
        try
        {
            var started = await quizzes.StartAttemptAsync(found.round.QuizKey, entry.Key.ToString("N"), ct);
            if (started is not { Success: true, Result: var attempt })
            {
                await ReleaseSeatAsync(found.seat.Id);
                return Attempt.Fail(started.Status == AttemptStatus.NotOpenYet ? ContestStatus.RoundNotOpenYet : ContestStatus.RoundClosed);
            }

            entry.AttemptKey = attempt.Key;
            db.ContestEntries.Add(entry);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await ReleaseSeatAsync(found.seat.Id);
            throw;
        }

        await db.ContestClassCodes.Where(s => s.Id == found.seat.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.EntryId, entry.Id), ct);
        return Attempt.SucceedWithStatus(ContestStatus.Success, entry.AttemptKey.Value);
    }

    /// <summary>A seat taken for an entry that was not made: its code works again.</summary>
    private Task<int> ReleaseSeatAsync(long seatId) =>
        db.ContestClassCodes.Where(s => s.Id == seatId && s.EntryId == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.UsedUtc, (DateTime?)null), CancellationToken.None);

    /// <summary>The code as typed, in capitals, without spaces or dashes; null when it cannot be a code at all.</summary>
    public static string? Normalise(string? typed)
    {
        var code = new string((typed ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        return code.Length == CodeLength && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? code : null;
    }

    /// <summary>"ABCD-EFGH": two groups of four are easier to copy from paper.</summary>
    public static string Format(string code) => $"{code[..4]}-{code[4..]}";

    private static string NewCode() => RandomNumberGenerator.GetString(Alphabet, CodeLength);

    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes($"contest-class-code:{code}")));

    private async Task<ClassSummary?> SummaryAsync(string organiserAccountId, Guid classKey, CancellationToken ct) =>
        (await SummariesAsync(c => c.Key == classKey && c.OrganiserAccountId == organiserAccountId, ct)).SingleOrDefault();

    private async Task<IReadOnlyList<ClassSummary>> SummariesAsync(System.Linq.Expressions.Expression<Func<ContestClass, bool>> which, CancellationToken ct)
    {
        var rows = await (from registered in db.ContestClasses.AsNoTracking().Where(which)
                          join round in db.ContestRounds.AsNoTracking() on registered.RoundId equals round.Id
                          join contest in db.Contests.AsNoTracking() on round.ContestId equals contest.Id
                          join unit in db.Units.AsNoTracking() on registered.UnitId equals unit.Id
                          select new
                          {
                              registered,
                              round,
                              contest,
                              unit.Name,
                              Seats = db.ContestClassCodes.Count(s => s.ClassId == registered.Id),
                              Used = db.ContestClassCodes.Count(s => s.ClassId == registered.Id && s.EntryId != null),
                              Submitted = (from entry in db.ContestEntries
                                           join attempt in db.QuizAttempts on entry.AttemptKey equals (Guid?)attempt.Key
                                           where entry.ClassId == registered.Id && attempt.SubmittedUtc != null
                                           select attempt.Id).Count(),
                          }).ToListAsync(ct);
        return rows.OrderByDescending(r => r.registered.CreatedUtc).ThenBy(r => r.registered.Id)
            .Select(r => new ClassSummary(r.registered, r.contest, r.round, r.Name, r.Seats, r.Used, r.Submitted)).ToList();
    }
}
