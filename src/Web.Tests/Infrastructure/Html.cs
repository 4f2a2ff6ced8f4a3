using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ChildProtection.Web.Tests.Infrastructure;

public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<(HttpResponseMessage Response, IHtmlDocument Document)> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, Parse(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>The fields the form posting to <paramref name="action"/> would send as it stands, as a browser sends them (all of them, in order).</summary>
    public static Dictionary<string, string> FormFields(this IHtmlDocument page, string action)
    {
        var form = (IHtmlFormElement?)page.QuerySelector($"form[action='{action}']") ?? throw new InvalidOperationException($"No form posting to {action}.");
        var fields = new Dictionary<string, string>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is not ("checkbox" or "radio") || input.IsChecked:
                    fields[name] = input.Value;
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields[name] = select.Value ?? "";
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    fields[name] = area.Value;
                    break;
            }
        }

        return fields;
    }
}
