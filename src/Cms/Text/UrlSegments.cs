using System.Globalization;
using System.Text;

namespace ChildProtection.Cms.Text;

/// <summary>URL segments from names: Vietnamese without diacritics ("Tháng hành động" → "thang-hanh-dong", đ → d).</summary>
public static class UrlSegments
{
    public static string FromName(string name)
    {
        var builder = new StringBuilder(name.Length);
        var pendingDash = false;
        foreach (var character in name.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(character);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            // Đ/đ is a letter of its own, not D with a mark, so decomposition leaves it in place.
            var folded = character switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(character) };
            if (folded is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingDash && builder.Length > 0)
                {
                    builder.Append('-');
                }

                builder.Append(folded);
                pendingDash = false;
            }
            else
            {
                pendingDash = true;
            }
        }

        return builder.Length > 0 ? builder.ToString() : "trang";
    }

    /// <summary>The segment for <paramref name="name"/>, with "-1", "-2"… when a sibling already uses it.</summary>
    public static string Unique(string name, IReadOnlySet<string> siblingSegments)
    {
        var segment = FromName(name);
        if (!siblingSegments.Contains(segment))
        {
            return segment;
        }

        for (var suffix = 1; ; suffix++)
        {
            var candidate = $"{segment}-{suffix}";
            if (!siblingSegments.Contains(candidate))
            {
                return candidate;
            }
        }
    }
}
