using System.Text.RegularExpressions;

namespace ChildProtection.Web.Tests.Resources;

/// <summary>
/// Every key the site's code and views look up as a literal (<c>text["ForumSent"]</c>, <c>T["Save"]</c>) is in the
/// files the localizer there reads (its feature's, then the shared one), in Vietnamese and in English: a key moved to the
/// wrong feature's file would otherwise show itself to the user instead of its message.
/// </summary>
public sealed partial class LiteralKeysTests
{
    /// <summary>
    /// Helpers that look messages up with a localizer their callers pass (<c>IStringLocalizer text</c>), and the
    /// localizers their callers pass.
    /// </summary>
    private static readonly Dictionary<string, string[]> Passed = new()
    {
        ["Features/Learning/CertificateText.cs"] = ["LearningText"],
        ["Features/Learning/AttemptForm.cs"] = ["LearningText", "ContestsText"],
        ["Features/Search/SearchMessages.cs"] = ["SearchText", "BackofficeText"],
        ["Features/Backoffice/Concerns/ConcernStatisticsController.cs"] = ["ConcernsText"],
    };

    [Fact]
    public void LiteralKey_LookedUpInCodeOrView_HasVietnameseAndEnglishMessages()
    {
        var web = ResourceFiles.WebSource();
        var lookups = 0;
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal)) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var relative = Path.GetRelativePath(web, file).Replace('\\', '/');
            var source = File.ReadAllText(file);
            var localizers = file.EndsWith(".cshtml", StringComparison.Ordinal) ? ViewLocalizer(web, file) : CodeLocalizers(relative, source);
            foreach (var (variable, readers) in localizers)
            {
                foreach (var key in LiteralKeys(source, variable))
                {
                    lookups++;
                    if (readers.Length == 0)
                    {
                        missing.Add($"{relative}: {key} (a localizer its callers pass: name them in {nameof(Passed)})");
                    }

                    foreach (var reader in readers)
                    {
                        foreach (var language in new[] { ResourceFiles.Vietnamese, ResourceFiles.English })
                        {
                            if (!ResourceFiles.ReadBy(Marker(reader), language).TryGetValue(key, out var message) || message.Length == 0)
                            {
                                missing.Add($"{relative}: {key} ({reader}{language})");
                            }
                        }
                    }
                }
            }
        }

        // The site looks up about a thousand keys literally: far fewer means the patterns below stopped seeing them.
        Assert.True(lookups > 800, $"only {lookups} literal look-ups found");
        Assert.Empty(missing);
    }

    private static Type Marker(string name) => typeof(SharedResource).Assembly.GetExportedTypes().Single(t => t.Name == name);

    /// <summary>The literal keys of <c>variable["Key"]</c> and <c>variable[ok ? "Key" : "Other", …]</c>.</summary>
    private static IEnumerable<string> LiteralKeys(string source, string variable) =>
        Regex.Matches(source, $@"(?<![\w.]){Regex.Escape(variable)}\[(?<key>[^\[\],]*)")
            .SelectMany(m => KeyLiteral().Matches(m.Groups["key"].Value))
            .Select(m => m.Groups["key"].Value);

    /// <summary>The localizer a view calls T: its own <c>@inject</c>, or the nearest <c>_ViewImports.cshtml</c>'s.</summary>
    private static IEnumerable<(string, string[])> ViewLocalizer(string web, string view)
    {
        var candidates = new List<string> { view };
        for (var folder = Path.GetDirectoryName(view)!; folder.Length >= web.Length; folder = Path.GetDirectoryName(folder)!)
        {
            candidates.Add(Path.Combine(folder, "_ViewImports.cshtml"));
        }

        return candidates.Where(File.Exists).Select(file => ViewInjection().Match(File.ReadAllText(file))).Where(m => m.Success)
            .Take(1).Select(m => ("T", new[] { m.Groups["marker"].Value })).ToList();
    }

    private static IEnumerable<(string, string[])> CodeLocalizers(string relative, string source)
    {
        var typed = TypedLocalizer().Matches(source).Select(m => (m.Groups["name"].Value, new[] { m.Groups["marker"].Value }))
            .Concat(ResolvedLocalizer().Matches(source).Select(m => (m.Groups["name"].Value, new[] { m.Groups["marker"].Value })));
        // A helper not in Passed counts as reading nothing, so each of its keys is reported.
        var passed = UntypedLocalizer().Matches(source).Select(m => (m.Groups["name"].Value, Passed.GetValueOrDefault(relative, [])));
        return typed.Concat(passed).ToList();
    }

    // A literal that ends the argument or a branch of it, not one compared (verdict == "right" ? …).
    [GeneratedRegex(@"(?<!\$)""(?<key>[A-Za-z][\w.]*)""(?=\s*(?::|$))")]
    private static partial Regex KeyLiteral();

    [GeneratedRegex(@"@inject\s+IStringLocalizer<(?:[\w.]+\.)?(?<marker>\w+)>\s+T\b")]
    private static partial Regex ViewInjection();

    [GeneratedRegex(@"IStringLocalizer<(?<marker>\w+)>\s+(?<name>\w+)\b")]
    private static partial Regex TypedLocalizer();

    [GeneratedRegex(@"var\s+(?<name>\w+)\s*=[^;]*IStringLocalizer<(?<marker>\w+)>")]
    private static partial Regex ResolvedLocalizer();

    [GeneratedRegex(@"\bIStringLocalizer\s+(?<name>\w+)\b")]
    private static partial Regex UntypedLocalizer();
}
