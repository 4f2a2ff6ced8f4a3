using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace ChildProtection.Cms.Media;

/// <summary>
/// Whether a PDF carries anything that acts rather than shows: scripts, actions run on opening or on an event,
/// launching programs, submitting or importing data, embedded files, rich media, XFA forms. (An /OpenAction alone is
/// not refused: office suites use it to open at the first page; one that runs a script names /JavaScript.) A leaflet or a training
/// document needs none of them, and a viewer that runs them turns a downloaded document into an attack.
/// Dictionaries are read where they are: in the file itself and, since PDF 1.5, compressed inside object streams
/// (which are inflated for the check). Names are compared after their #xx escapes are decoded (/J#61vaScript is
/// /JavaScript). An object stream that cannot be read counts as active: what cannot be checked is not stored.
/// </summary>
internal static partial class PdfActiveContent
{
    private static readonly HashSet<string> ActiveNames = new(StringComparer.Ordinal)
    {
        "JavaScript", "JS", "Launch", "AA", "SubmitForm", "ImportData", "GoToE",
        "EmbeddedFile", "EmbeddedFiles", "FileAttachment", "RichMedia", "XFA",
    };

    /// <summary>Object streams inflated at most, so that a small file cannot inflate to gigabytes.</summary>
    private const int MaxInflatedBytes = 64 * 1024 * 1024;

    public static bool Has(byte[] pdf)
    {
        // Stream data (pictures, fonts, page drawings) is left out: compressed bytes spell /JS or /AA by chance.
        var text = Encoding.Latin1.GetString(pdf);
        var outside = new StringBuilder(text.Length / 8);
        var position = 0;
        var inflated = 0L;
        foreach (Match stream in StreamStart().Matches(text))
        {
            if (stream.Index < position)
            {
                continue;
            }

            outside.Append(text, position, stream.Index - position);
            var objectStart = Math.Max(position, text.LastIndexOf("obj", stream.Index, StringComparison.Ordinal));
            var start = stream.Index + stream.Length;
            var end = text.IndexOf("endstream", start, StringComparison.Ordinal);
            if (end < 0)
            {
                return true;
            }

            position = end;
            if (!HasName(text[objectStart..stream.Index], "ObjStm"))
            {
                continue;
            }

            if (Inflate(pdf.AsSpan(start, end - start), MaxInflatedBytes - inflated) is not { } content)
            {
                return true;
            }

            inflated += content.Length;
            if (HasActiveName(Encoding.Latin1.GetString(content)))
            {
                return true;
            }
        }

        outside.Append(text, position, text.Length - position);
        return HasActiveName(outside.ToString());
    }

    private static bool HasActiveName(string text) => Names(text).Any(ActiveNames.Contains);

    private static bool HasName(string text, string name) => Names(text).Contains(name, StringComparer.Ordinal);

    private static IEnumerable<string> Names(string text) =>
        Name().Matches(text).Select(m => m.Groups[1].Value is var value && value.Contains('#', StringComparison.Ordinal)
            ? Escape().Replace(value, e => ((char)Convert.ToByte(e.Groups[1].Value, 16)).ToString())
            : value);

    private static byte[]? Inflate(ReadOnlySpan<byte> data, long limit)
    {
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                output.Write(buffer, 0, read);
                if (output.Length > limit)
                {
                    return null;
                }
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>A name token: a solidus and the regular characters after it.</summary>
    [GeneratedRegex(@"/([^\s/<>\[\]()%{}]+)")]
    private static partial Regex Name();

    [GeneratedRegex("#([0-9A-Fa-f]{2})")]
    private static partial Regex Escape();

    /// <summary>The keyword that starts a stream's data (not the end of one), with its line break.</summary>
    [GeneratedRegex(@"(?<!end)stream\r?\n")]
    private static partial Regex StreamStart();
}
