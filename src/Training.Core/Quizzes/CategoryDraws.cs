namespace ChildProtection.Training.Quizzes;

/// <summary>A category of a question bank and how many questions new attempts can draw from it.</summary>
public sealed record BankCategory(string Bank, string Name, int Questions);

/// <summary>A draw that asks a category for more questions than it holds.</summary>
public sealed record DrawShortage(string Category, int Available, int Wanted);

/// <summary>How a quiz's questions are spread over its bank's categories.</summary>
public static class CategoryDraws
{
    /// <summary>
    /// <paramref name="questionCount"/> questions (at most the bank's) spread over the categories in proportion to
    /// their size: the draw when nobody chose a number per category.
    /// </summary>
    public static IReadOnlyList<CategoryDraw> Proportional(IReadOnlyList<BankCategory> categories, int questionCount)
    {
        var total = categories.Sum(c => c.Questions);
        var wanted = Math.Clamp(questionCount, 0, total);
        var draws = categories.OrderByDescending(c => c.Questions).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => new CategoryDraw(c.Name, Math.Min(c.Questions, (int)Math.Round((decimal)wanted * c.Questions / Math.Max(1, total)))))
            .ToList();
        // Rounding may leave the draw a question or two short (or over): settle it on the largest categories.
        for (var i = 0; draws.Sum(d => d.Count) != wanted && draws.Count > 0; i = (i + 1) % draws.Count)
        {
            var shortBy = wanted - draws.Sum(d => d.Count);
            var room = categories.First(c => c.Name == draws[i].Category).Questions - draws[i].Count;
            draws[i] = draws[i] with { Count = draws[i].Count + (shortBy > 0 ? Math.Min(1, room) : -Math.Min(1, draws[i].Count)) };
        }

        return draws.Where(d => d.Count > 0).ToList();
    }

    /// <summary>The draws that ask more of a category than it holds (a category missing from the bank holds none).</summary>
    public static IReadOnlyList<DrawShortage> Shortages(IReadOnlyList<BankCategory> categories, IReadOnlyList<CategoryDraw> draws) =>
        draws.Select(d => new DrawShortage(d.Category, categories.FirstOrDefault(c => c.Name == d.Category)?.Questions ?? 0, d.Count))
            .Where(s => s.Wanted > s.Available)
            .ToList();
}
