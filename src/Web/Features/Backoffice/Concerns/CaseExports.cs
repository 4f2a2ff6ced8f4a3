using System.IO.Compression;
using System.Text;
using ChildProtection.Concerns.Reports;
using ChildProtection.Web.Features.Concerns;
using Microsoft.Extensions.Localization;

namespace ChildProtection.Web.Features.Backoffice.Concerns;

/// <summary>
/// A case in words, for its page and for its handover file: the log keeps decisions as values ("Referred:Police",
/// "12>3"), which an officer reads as "Đã chuyển xử lý: Công an" and unit names.
/// </summary>
public sealed class CaseExports(IStringLocalizer<ConcernsText> text)
{
    public string UnitName(IReadOnlyDictionary<int, string> names, int? id) =>
        id is { } unit && names.TryGetValue(unit, out var name) ? name : text["Province"].Value;

    public string? Describe(CaseLogLine line, IReadOnlyDictionary<int, string> names) => (line.Kind, line.Detail?.Split(':')) switch
    {
        (CaseEntryKind.UrgencyChanged, [var urgency]) => text[$"Urgency{urgency}"].Value,
        (CaseEntryKind.StatusChanged, [var status]) => text[$"Status{status}"].Value,
        (CaseEntryKind.StatusChanged, ["Referred", var referral]) => $"{text["StatusReferred"]}: {text[$"Referral{referral}"]}",
        (CaseEntryKind.StatusChanged, ["Closed", var outcome]) => $"{text["StatusClosed"]}: {text[$"Outcome{outcome}"]}",
        (CaseEntryKind.Transferred or CaseEntryKind.Escalated, _) when line.Detail!.Split('>') is [var from, var to] =>
            $"{UnitName(names, int.TryParse(from, out var f) ? f : null)} → {UnitName(names, int.TryParse(to, out var t) ? t : null)}",
        (CaseEntryKind.Assigned, _) => line.Detail ?? text["AssignedToNoOne"].Value,
        _ => null,
    };

    /// <summary>The handover file: the case and its whole log as text (UTF-8), and the pictures as they were sent.</summary>
    public byte[] Zip(CaseView view, IReadOnlyDictionary<int, string> names, IReadOnlyList<(string ContentType, byte[] Content)> pictures)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("ho-so.txt").Open(), new UTF8Encoding(true)))
            {
                writer.Write(CaseText(view, names, pictures.Count));
            }

            for (var i = 0; i < pictures.Count; i++)
            {
                var extension = pictures[i].ContentType.Split('/')[^1].Replace("jpeg", "jpg", StringComparison.Ordinal);
                using var entry = zip.CreateEntry($"anh-{i + 1}.{extension}", CompressionLevel.NoCompression).Open();
                entry.Write(pictures[i].Content);
            }
        }

        return output.ToArray();
    }

    private string CaseText(CaseView view, IReadOnlyDictionary<int, string> names, int pictures)
    {
        var summary = view.Summary;
        var story = view.Story;
        static string Local(DateTime utc) => utc.AddHours(7).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var lines = new StringBuilder()
            .AppendLine(text["ExportHeading"])
            .AppendLine($"{text["CaseReceived"]}: {Local(summary.ReceivedUtc)}")
            .AppendLine($"{text["CaseReporter"]}: {text[$"AdultReporter{summary.Reporter}"]}")
            .AppendLine($"{text["CaseCategory"]}: {text[$"AdultCategory{summary.Category}"]}")
            .AppendLine($"{text["CaseUrgency"]}: {text[$"Urgency{summary.Urgency}"]}")
            .AppendLine($"{text["CaseStatus"]}: {text[$"Status{summary.Status}"]}")
            .AppendLine($"{text["CasePlace"]}: {(summary.PlaceUnitId is null ? story?.Place ?? text["PlaceUnknown"] : UnitName(names, summary.PlaceUnitId))}")
            .AppendLine($"{text["CaseUnit"]}: {UnitName(names, summary.UnitId)}")
            .AppendLine()
            .AppendLine($"{text["CaseStory"]}:")
            .AppendLine(story?.What ?? text["CaseErased"])
            .AppendLine($"{text["CaseWhen"]}: {story?.When ?? "—"}")
            .AppendLine($"{text["CaseContact"]}: {story?.Contact ?? text["CaseNoContact"]}")
            .AppendLine(text["ExportPictures", pictures])
            .AppendLine()
            .AppendLine($"{text["CaseLog"]}:");
        foreach (var line in view.Log)
        {
            lines.Append($"- {Local(line.AtUtc)} · {text[$"Entry{line.Kind}"]}");
            lines.Append(line.ActorName is null ? "" : $" · {line.ActorName}");
            lines.AppendLine(Describe(line, names) is { } described ? $" · {described}" : "");
            if (line.Text is not null)
            {
                lines.AppendLine($"  {line.Text.ReplaceLineEndings("\n  ")}");
            }
        }

        return lines.ToString();
    }
}
