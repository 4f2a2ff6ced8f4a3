using System.Text.RegularExpressions;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.PropertyEditors;
using ChildProtection.Cms.Resources;
using ChildProtection.Cms.Schema;
using Microsoft.Extensions.Options;

namespace ChildProtection.Cms.Content;

/// <summary>Checks an edit against its document type: names, cultures, mandatory, regex and each editor's rules.</summary>
public sealed class ContentValidator(PropertyEditorCollection editors, IOptions<CmsOptions> options)
{
    private const int MaxNameLength = 255;

    public IReadOnlyList<ContentValidationError> Validate(ContentType type, ContentEdit edit)
    {
        var errors = new List<ContentValidationError>();
        var cultures = options.Value.Cultures;

        if (!type.VariesByCulture && edit.Names.Keys.Any(c => c != options.Value.DefaultCulture))
        {
            errors.Add(new ContentValidationError(null, null, CmsText.Format("InvariantOnly", type.Name)));
        }

        foreach (var culture in edit.Names.Keys.Where(c => !cultures.Contains(c)))
        {
            errors.Add(new ContentValidationError(null, culture, CmsText.Format("UnknownCulture", culture)));
        }

        var names = new Dictionary<string, string>(edit.Names);
        names.TryAdd(options.Value.DefaultCulture, "");
        foreach (var (culture, name) in names.Where(n => cultures.Contains(n.Key)))
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new ContentValidationError(null, culture, CmsText.Format("NameRequired", culture)));
            }
            else if (name.Length > MaxNameLength)
            {
                errors.Add(new ContentValidationError(null, culture, CmsText.Format("NameTooLong", culture, MaxNameLength)));
            }
        }

        foreach (var value in edit.Values.Where(v => type.GetProperty(v.Alias) is null))
        {
            errors.Add(new ContentValidationError(value.Alias, value.Culture, CmsText.Format("UnknownProperty", value.Alias, type.Name)));
        }

        var presentCultures = edit.Names.Keys.Where(cultures.Contains).ToList();
        foreach (var property in type.Properties)
        {
            var valueCultures = property.VariesByCulture ? presentCultures.Cast<string?>() : [null];
            foreach (var culture in valueCultures)
            {
                var value = edit.Values.FirstOrDefault(v =>
                    string.Equals(v.Alias, property.Alias, StringComparison.OrdinalIgnoreCase) && (v.Culture ?? "") == (culture ?? ""))?.Value;
                errors.AddRange(ValidateValue(property, value).Select(message => new ContentValidationError(property.Alias, culture, message)));
            }
        }

        return errors;
    }

    private IEnumerable<string> ValidateValue(PropertyType property, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim() == "[]")
        {
            if (property.Mandatory)
            {
                yield return property.MandatoryMessage ?? CmsText.Format("Mandatory", property.Name);
            }

            yield break;
        }

        if (property.ValidationRegex is { } pattern && !Regex.IsMatch(value, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            yield return property.ValidationRegexMessage ?? CmsText.Format("RegexMismatch", property.Name);
        }

        foreach (var message in editors.Get(property.EditorAlias).Validate(value, property))
        {
            yield return message;
        }
    }
}
