using System.Globalization;
using System.Text;
using ChildProtection.Training.Persistence;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;

namespace ChildProtection.Training.Contests;

/// <summary>A unit as the entry form offers it; a name several units share carries its parent's name.</summary>
public sealed record UnitChoice(int Id, string Label);

/// <summary>Attempts started and submitted in one round by the entrants of a unit and the units below it.</summary>
public sealed record UnitCounts(int RoundNumber, Unit Unit, bool HasChildren, int Started, int Submitted);

/// <summary>Attempts started and submitted in one round per school an entrant typed that is not in the unit tree.</summary>
public sealed record SchoolCounts(int RoundNumber, string School, int Started, int Submitted);

/// <param name="Unit">The unit whose children the rows count; null for the top of the tree.</param>
/// <param name="Breadcrumb">From the top down to <see cref="Unit"/>.</param>
/// <param name="Unlisted">At the top only: entries whose school is not one of the tree's units, as typed.</param>
public sealed record ContestUnitCountsView(Unit? Unit, IReadOnlyList<Unit> Breadcrumb, IReadOnlyList<UnitCounts> Rows, IReadOnlyList<SchoolCounts> Unlisted);

/// <summary>
/// Contest entries tied to the unit tree: entrants pick their school or unit from the tree's names (or type one that
/// is not there), so organisers count entries per commune and school the way the training reports roll up.
/// </summary>
public sealed class ContestUnits(TrainingDbContext db)
{
    /// <summary>The choices as the form lists them, in Vietnamese alphabetical order.</summary>
    public async Task<IReadOnlyList<UnitChoice>> ChoicesAsync(CancellationToken ct = default)
    {
        var vietnamese = CultureInfo.GetCultureInfo("vi-VN").CompareInfo;
        return (await LabelledAsync(ct)).OrderBy(c => c.Label, Comparer<string>.Create((a, b) => vietnamese.Compare(a, b, CompareOptions.IgnoreCase))).ToList();
    }

    /// <summary>The unit an entrant's "school or unit" names, as the form's list writes it (case, spacing and Unicode form aside).</summary>
    public async Task<int?> MatchAsync(string school, CancellationToken ct = default)
    {
        var wanted = Canonical(school);
        var matches = (await LabelledAsync(ct)).Where(c => Canonical(c.Label) == wanted).Take(2).ToList();
        return matches.Count == 1 ? matches[0].Id : null;
    }

    /// <summary>Every unit with its label, unsorted: the entry form's submit only matches one, and needs no order.</summary>
    private async Task<IReadOnlyList<UnitChoice>> LabelledAsync(CancellationToken ct)
    {
        var units = await db.Units.AsNoTracking().Select(u => new { u.Id, u.Name, u.ParentId }).ToListAsync(ct);
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        var shared = units.GroupBy(u => Canonical(u.Name)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        return units.Select(u => new UnitChoice(u.Id, shared.Contains(Canonical(u.Name)) && u.ParentId is { } parent ? $"{u.Name} ({names[parent]})" : u.Name)).ToList();
    }

    /// <summary>Null when <paramref name="unitId"/> is not a unit.</summary>
    public async Task<ContestUnitCountsView?> CountsAsync(Contest contest, int? unitId, CancellationToken ct = default)
    {
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, ct);
        Unit? parent = null;
        if (unitId is { } id && !units.TryGetValue(id, out parent))
        {
            return null;
        }

        var numbers = contest.Rounds.ToDictionary(r => r.Id, r => r.Number);
        var roundIds = numbers.Keys.ToList();
        var tally = await (from entry in db.ContestEntries
                           join attempt in db.QuizAttempts on entry.AttemptKey equals (Guid?)attempt.Key
                           where roundIds.Contains(entry.RoundId)
                           group attempt by new { entry.RoundId, entry.UnitId, entry.School } into g
                           select new { g.Key.RoundId, g.Key.UnitId, g.Key.School, Started = g.Count(), Submitted = g.Count(a => a.SubmittedUtc != null) }).ToListAsync(ct);

        var parents = units.Values.Where(u => u.ParentId is not null).Select(u => u.ParentId!.Value).ToHashSet();
        // The parent's own row counts those who chose the commune itself rather than a school under it.
        var shown = (parent is null ? [] : new[] { parent }).Concat(units.Values.Where(u => u.ParentId == parent?.Id).OrderBy(u => u.Name, StringComparer.Ordinal)).ToList();
        var rows = new List<UnitCounts>();
        foreach (var round in contest.Rounds.OrderBy(r => r.Number))
        {
            var listed = tally.Where(t => t.RoundId == round.Id && t.UnitId is { } u && units.ContainsKey(u)).ToList();
            foreach (var unit in shown)
            {
                var inside = listed.Where(t => unit == parent ? t.UnitId == unit.Id : Within(units[t.UnitId!.Value], unit)).ToList();
                if (inside.Count > 0)
                {
                    rows.Add(new UnitCounts(round.Number, unit, unit != parent && parents.Contains(unit.Id), inside.Sum(t => t.Started), inside.Sum(t => t.Submitted)));
                }
            }
        }

        var unlisted = parent is not null ? [] : tally.Where(t => t.UnitId is null || !units.ContainsKey(t.UnitId.Value))
            .GroupBy(t => (Round: numbers[t.RoundId], t.School))
            .Select(g => new SchoolCounts(g.Key.Round, g.Key.School, g.Sum(t => t.Started), g.Sum(t => t.Submitted)))
            .OrderBy(s => s.RoundNumber).ThenByDescending(s => s.Started).ThenBy(s => s.School, StringComparer.Ordinal).ToList();
        var breadcrumb = new List<Unit>();
        for (var at = parent; at is not null; at = at.ParentId is { } up ? units.GetValueOrDefault(up) : null)
        {
            breadcrumb.Insert(0, at);
        }

        return new ContestUnitCountsView(parent, breadcrumb, rows, unlisted);
    }

    private static bool Within(Unit unit, Unit ancestor) => unit.Path == ancestor.Path || unit.Path.StartsWith(ancestor.Path + ",", StringComparison.Ordinal);

    private static string Canonical(string text) =>
        string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
