using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ChildProtection.Cms.Media;

/// <summary>
/// An SVG is a document that can run script. One is kept only once it is well-formed XML without a DTD and has been
/// cleaned of scripts, event handlers, foreign content, animations that can rewrite links, and references to
/// anything outside itself; anything else is refused.
/// </summary>
internal static class SvgSanitiser
{
    private static readonly HashSet<string> DroppedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "foreignObject", "iframe", "embed", "object", "audio", "video", "handler", "listener",
        "animate", "animateMotion", "animateTransform", "set",
    };

    public static bool LooksLikeSvg(byte[] content)
    {
        var head = Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 1024)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return (head.StartsWith('<')) && head.Contains("<svg", StringComparison.Ordinal);
    }

    /// <summary>The cleaned document with its width and height when they are plain numbers; null if it is not a usable SVG.</summary>
    public static (byte[] Content, int? Width, int? Height)? Sanitise(byte[] content)
    {
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(content), new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                MaxCharactersInDocument = 10_000_000,
            });
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }

        if (document.Root is not { } root || root.Name.LocalName != "svg")
        {
            return null;
        }

        document.DescendantNodes().OfType<XProcessingInstruction>().Remove();
        root.DescendantsAndSelf().Where(e => DroppedElements.Contains(e.Name.LocalName)).ToList().ForEach(e => e.Remove());
        foreach (var style in root.DescendantsAndSelf().Where(e => e.Name.LocalName == "style").ToList())
        {
            if (!IsSafeStyle(style.Value))
            {
                style.Remove();
            }
        }

        foreach (var element in root.DescendantsAndSelf())
        {
            element.Attributes().Where(IsUnsafe).ToList().ForEach(a => a.Remove());
        }

        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false }))
        {
            document.Save(writer);
        }

        return (output.ToArray(), Dimension(root, "width"), Dimension(root, "height"));
    }

    private static bool IsUnsafe(XAttribute attribute)
    {
        var name = attribute.Name.LocalName;
        var value = attribute.Value.Trim();
        if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Links may only point inside the document ("#gradient"); no other page, file, javascript: or data:.
        if (name is "href" or "src" && !value.StartsWith('#'))
        {
            return true;
        }

        return name == "style" && !IsSafeStyle(value) || value.Contains("javascript:", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsSafeStyle(string css) =>
        !css.Contains("@import", StringComparison.OrdinalIgnoreCase)
        && !css.Contains("javascript:", StringComparison.OrdinalIgnoreCase)
        && !System.Text.RegularExpressions.Regex.IsMatch(css, @"url\(\s*['""]?\s*[^#'""\s)]", System.Text.RegularExpressions.RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));

    private static int? Dimension(XElement root, string name) =>
        double.TryParse(root.Attribute(name)?.Value.Replace("px", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            ? (int)Math.Round(value)
            : null;
}
