using System.Globalization;
using System.Net.Mail;
using System.Text;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Spreadsheets;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Learning;

public enum LearnerImportProblemKind
{
    /// <summary>The file is neither a CSV nor an Excel workbook that can be read.</summary>
    UnreadableFile,
    MissingColumn,
    NoRows,
    TooManyRows,
    MissingName,
    InvalidEmail,
    DuplicateEmail,
    UnknownRole,
    MissingUnit,

    /// <summary>No unit with this code in the manager's part of the tree (one outside it is not revealed).</summary>
    UnknownUnit,
}

/// <param name="Row">The spreadsheet row (the header is row 1; 0 for the file as a whole).</param>
public sealed record LearnerImportProblem(int Row, LearnerImportProblemKind Kind, string? Value = null);

/// <summary>One learner as the spreadsheet gives them, once read and found well-formed.</summary>
public sealed record LearnerImportRow(int Row, string FullName, string Email, LearnerRole Role, string UnitCode);

/// <summary>A row checked against the database: the unit it names and the learner who already has its e-mail, if any.</summary>
public sealed record LearnerImportLine(LearnerImportRow Row, Unit Unit, Learner? Existing)
{
    /// <summary>An existing learner whose unit is not the file's: they stay where they are, and the manager is told.</summary>
    public bool UnitDiffers => Existing is not null && Existing.UnitId != Unit.Id;
}

public sealed record LearnerImportPlan(IReadOnlyList<LearnerImportLine> Lines, IReadOnlyList<LearnerImportProblem> Problems)
{
    public bool Success => Problems.Count == 0;
}

/// <param name="Learners">Every learner of the file, new and existing, in the file's order.</param>
public sealed record LearnerImportResult(IReadOnlyList<Learner> Learners, IReadOnlyList<Learner> Created, int Enrolments);

/// <summary>
/// Bulk enrolment from a spreadsheet with the columns <c>ho_ten</c> (full name), <c>email</c>, <c>vai_tro</c>
/// (role, as Vietnamese spreadsheets write it, with or without diacritics) and <c>ma_don_vi</c> (the unit's code).
/// Every row is checked before anything is written; one bad row means nothing is saved. A learner who already has
/// the e-mail is enrolled, never moved to another unit.
/// </summary>
public sealed class LearnerImporter(TrainingDbContext db, ICourseCatalog catalog, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Columns = ["ho_ten", "email", "vai_tro", "ma_don_vi"];

    /// <summary>Enough for a district's schools in one file, and small enough to confirm in one transaction.</summary>
    public const int MaxRows = 2000;

    // Roles as people write them, compared without diacritics, case, dashes or commas ("Cán bộ Đoàn – Đội" = "can bo doan doi").
    private static readonly Dictionary<string, LearnerRole> Roles = new(StringComparer.Ordinal)
    {
        ["giao vien"] = LearnerRole.Teacher,
        ["can bo quan ly"] = LearnerRole.SchoolManager, ["can bo quan ly truong hoc"] = LearnerRole.SchoolManager, ["quan ly"] = LearnerRole.SchoolManager,
        ["can bo doan doi"] = LearnerRole.YouthOfficer, ["doan doi"] = LearnerRole.YouthOfficer, ["can bo doan"] = LearnerRole.YouthOfficer, ["can bo doi"] = LearnerRole.YouthOfficer,
        ["cong tac xa hoi"] = LearnerRole.SocialWorker, ["can bo nhan vien cong tac xa hoi"] = LearnerRole.SocialWorker, ["nhan vien cong tac xa hoi"] = LearnerRole.SocialWorker,
        ["khac"] = LearnerRole.Other,
    };

    /// <summary>Reads and checks the rows on their own: what can be wrong without looking at the database.</summary>
    public static (IReadOnlyList<LearnerImportRow> Rows, IReadOnlyList<LearnerImportProblem> Problems) Read(Stream file, string fileName)
    {
        var (rows, problems, _) = ReadSheet(file, fileName);
        return (rows, problems);
    }

    /// <summary>
    /// Reads the file and checks every row, on its own and against the database (<see cref="PlanAsync"/>): the unit of
    /// a row that is wrong in another way is checked too, so that the manager sees all of a row's problems at once.
    /// </summary>
    /// <returns>The well-formed rows, and the plan with every problem of the file.</returns>
    public async Task<(IReadOnlyList<LearnerImportRow> Rows, LearnerImportPlan Plan)> CheckAsync(Stream file, string fileName, UnitScope scope, CancellationToken ct = default)
    {
        var (rows, problems, otherUnits) = ReadSheet(file, fileName);
        var plan = await PlanAsync(rows, scope, ct);
        var known = await UnitsAsync(otherUnits.Select(u => u.Code), scope, ct);
        var all = problems.Concat(plan.Problems)
            .Concat(otherUnits.Where(u => !known.ContainsKey(u.Code)).Select(u => new LearnerImportProblem(u.Row, LearnerImportProblemKind.UnknownUnit, u.Code)))
            .OrderBy(p => p.Row).ToList();
        return (rows, plan with { Problems = all });
    }

    /// <param name="otherUnits">The unit codes of rows left out for another problem.</param>
    private static (List<LearnerImportRow> Rows, List<LearnerImportProblem> Problems, List<(int Row, string Code)> OtherUnits) ReadSheet(Stream file, string fileName)
    {
        var sheet = ImportSheet.Read(file, fileName, Columns);
        if (sheet.Unreadable is { } reason)
        {
            return ([], [new LearnerImportProblem(0, LearnerImportProblemKind.UnreadableFile, reason)], []);
        }

        if (sheet.MissingColumns.Count > 0)
        {
            return ([], sheet.MissingColumns.Select(c => new LearnerImportProblem(1, LearnerImportProblemKind.MissingColumn, c)).ToList(), []);
        }

        if (sheet.Rows.Count == 0)
        {
            return ([], [new LearnerImportProblem(0, LearnerImportProblemKind.NoRows)], []);
        }

        if (sheet.Rows.Count > MaxRows)
        {
            return ([], [new LearnerImportProblem(0, LearnerImportProblemKind.TooManyRows, MaxRows.ToString(CultureInfo.InvariantCulture))], []);
        }

        var rows = new List<LearnerImportRow>();
        var problems = new List<LearnerImportProblem>();
        var otherUnits = new List<(int Row, string Code)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var record in sheet.Rows)
        {
            var (name, email, role, unit) = (record["ho_ten"], record["email"], record["vai_tro"], record["ma_don_vi"]);
            var count = problems.Count;
            if (name.Length == 0)
            {
                problems.Add(new LearnerImportProblem(record.Number, LearnerImportProblemKind.MissingName, email));
            }

            if (!IsEmail(email))
            {
                problems.Add(new LearnerImportProblem(record.Number, LearnerImportProblemKind.InvalidEmail, email));
            }
            else if (!seen.Add(email))
            {
                problems.Add(new LearnerImportProblem(record.Number, LearnerImportProblemKind.DuplicateEmail, email));
            }

            if (!Roles.TryGetValue(Plain(role), out var learnerRole))
            {
                problems.Add(new LearnerImportProblem(record.Number, LearnerImportProblemKind.UnknownRole, role));
            }

            if (unit.Length == 0)
            {
                problems.Add(new LearnerImportProblem(record.Number, LearnerImportProblemKind.MissingUnit));
            }

            if (problems.Count == count)
            {
                rows.Add(new LearnerImportRow(record.Number, name, email, learnerRole, unit));
            }
            else if (unit.Length > 0)
            {
                otherUnits.Add((record.Number, unit));
            }
        }

        return (rows, problems, otherUnits);
    }

    /// <summary>
    /// Checks the rows against the database: each unit must be one of the manager's <paramref name="scope"/>; the
    /// learners who already have an e-mail of the file are found (their enrolments are added, nothing else changes).
    /// </summary>
    public async Task<LearnerImportPlan> PlanAsync(IReadOnlyList<LearnerImportRow> rows, UnitScope scope, CancellationToken ct = default)
    {
        var units = await UnitsAsync(rows.Select(r => r.UnitCode), scope, ct);
        var emails = rows.Select(r => r.Email.ToLowerInvariant()).Distinct().ToList();
        var existing = new Dictionary<string, Learner>(StringComparer.OrdinalIgnoreCase);
        foreach (var batch in emails.Chunk(500))
        {
            foreach (var learner in await db.Learners.AsNoTracking().Where(l => batch.Contains(l.Email.ToLower())).OrderBy(l => l.Id).ToListAsync(ct))
            {
                existing.TryAdd(learner.Email, learner);
            }
        }

        var lines = new List<LearnerImportLine>();
        var problems = new List<LearnerImportProblem>();
        foreach (var row in rows)
        {
            if (units.TryGetValue(row.UnitCode, out var unit))
            {
                lines.Add(new LearnerImportLine(row, unit, existing.GetValueOrDefault(row.Email)));
            }
            else
            {
                problems.Add(new LearnerImportProblem(row.Row, LearnerImportProblemKind.UnknownUnit, row.UnitCode));
            }
        }

        return new LearnerImportPlan(lines, problems);
    }

    /// <summary>
    /// Writes a checked plan: a learner for each new e-mail (with the account the host made for it), and an enrolment
    /// in each course for everyone who is not enrolled yet. Runs in the caller's transaction; a second run of the same
    /// plan adds nothing.
    /// </summary>
    /// <param name="accounts">E-mail → the host's account id, for every line without an existing learner.</param>
    public async Task<LearnerImportResult> SaveAsync(LearnerImportPlan plan, IReadOnlyList<Guid> courseKeys, IReadOnlyDictionary<string, string> accounts, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var created = plan.Lines.Where(l => l.Existing is null).Select(l => new Learner
        {
            Key = Guid.NewGuid(), AccountId = accounts[l.Row.Email], FullName = l.Row.FullName, Email = l.Row.Email, Role = l.Row.Role, UnitId = l.Unit.Id, RegisteredUtc = now,
        }).ToList();
        db.Learners.AddRange(created);
        await db.SaveChangesAsync(ct);

        var byEmail = created.ToDictionary(l => l.Email, StringComparer.OrdinalIgnoreCase);
        var learners = plan.Lines.Select(l => l.Existing ?? byEmail[l.Row.Email]).ToList();
        var courses = courseKeys.Where(k => catalog.Find(k) is not null).Distinct().ToList();
        var enrolments = 0;
        foreach (var batch in learners.Chunk(500))
        {
            var ids = batch.Select(l => l.Id).ToList();
            var enrolled = (await db.Enrolments.Where(e => ids.Contains(e.LearnerId) && courses.Contains(e.CourseKey)).Select(e => new { e.LearnerId, e.CourseKey }).ToListAsync(ct))
                .Select(e => (e.LearnerId, e.CourseKey)).ToHashSet();
            var missing = (from learner in batch from course in courses where !enrolled.Contains((learner.Id, course))
                           select Enrolment.Of(learner, course, now)).ToList();
            db.Enrolments.AddRange(missing);
            enrolments += missing.Count;
        }

        await db.SaveChangesAsync(ct);
        return new LearnerImportResult(learners, created, enrolments);
    }

    /// <summary>The units of the scope with these codes (letter case aside), by code.</summary>
    private async Task<Dictionary<string, Unit>> UnitsAsync(IEnumerable<string> codes, UnitScope scope, CancellationToken ct)
    {
        var lower = codes.Select(c => c.ToLowerInvariant()).Distinct().ToList();
        return (await db.Units.AsNoTracking().Within(scope).Where(u => lower.Contains(u.Code.ToLower())).ToListAsync(ct))
            .ToDictionary(u => u.Code, StringComparer.OrdinalIgnoreCase);
    }

    private static bool IsEmail(string text) =>
        text.Length is > 0 and <= 256 && MailAddress.TryCreate(text, out var address) && address.Address == text && !text.Any(char.IsWhiteSpace);

    /// <summary>Lower case, without diacritics (đ as d), punctuation as spaces, single spaces.</summary>
    private static string Plain(string text)
    {
        var plain = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant().Replace('đ', 'd').Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            plain.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }

        return string.Join(' ', plain.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
