using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Text;
using ChildProtection.Web.Infrastructure;
using Microsoft.AspNetCore.Html;

namespace ChildProtection.Web.Features.PublicSite;

/// <summary>What every public template gets: the page, its culture, the snapshot it came from, and helpers.</summary>
public sealed class PageViewModel(
    PublishedContent content,
    string culture,
    PublishedSnapshot snapshot,
    SiteOptions site,
    MarkdownRenderer markdown,
    string absoluteUrl,
    int pageNumber)
{
    public const string HideFromNavigation = "hideFromNavigation";

    public PublishedContent Content { get; } = content;
    public string Culture { get; } = culture;
    public PublishedSnapshot Snapshot { get; } = snapshot;
    public SiteOptions Site { get; } = site;
    public string AbsoluteUrl { get; } = absoluteUrl;
    public int PageNumber { get; } = pageNumber;

    public string Title => Content.Name(Culture);

    public string? Value(string alias) => Content.Value(alias, Culture) is { Length: > 0 } value ? value : null;

    public string? MetaDescription => Value("metaDescription") ?? Value("summary") ?? Value("heroText") ?? Value("intro");

    public IHtmlContent Markdown(string alias) => Markdown(Content, alias);

    public IHtmlContent Markdown(PublishedContent item, string alias) =>
        new HtmlString(item.GetOrAddDerived($"html:{alias}:{Culture}", () => markdown.ToHtml(item.Value(alias, Culture))));

    public string? Date(string alias) => Date(Content, alias);

    public string? Date(PublishedContent item, string alias) =>
        item.DateValue(alias, Culture) is { } utc ? SiteClock.FormatDate(utc) : null;

    public PublishedContent? Home => Snapshot.Roots.FirstOrDefault(r => r.HasCulture(Culture));

    /// <summary>The home page's children that want to be in the menu.</summary>
    public IReadOnlyList<PublishedContent> Navigation =>
        Home is { } home ? Snapshot.Children(home, Culture).Where(c => !c.BoolValue(HideFromNavigation, Culture)).ToList() : [];

    public IReadOnlyList<PublishedContent> Breadcrumbs => Snapshot.Ancestors(Content).Where(a => a.HasCulture(Culture)).ToList();

    public IReadOnlyList<PublishedContent> Children => Snapshot.Children(Content, Culture);

    /// <summary>The same page in the other cultures it exists in, for the language switch and hreflang.</summary>
    public IReadOnlyList<PublishedCulture> Alternates => Content.Cultures.Where(c => c.Culture != Culture).ToList();

    public bool IsCurrentSection(PublishedContent item) => item.Key == Content.Key || Snapshot.Ancestors(Content).Any(a => a.Key == item.Key);

    /// <summary>Published items of a document type in this culture, newest first by <paramref name="dateAlias"/>.</summary>
    public IReadOnlyList<PublishedContent> Latest(string contentTypeAlias, int count, string dateAlias = "publishDate") =>
        Snapshot.All.Where(c => c.ContentTypeAlias == contentTypeAlias && c.HasCulture(Culture))
            .OrderByDescending(c => c.DateValue(dateAlias, Culture) ?? c.PublishDateUtc)
            .Take(count).ToList();

    /// <summary>The first picture of a media picker (the share image that heads an article, say).</summary>
    public Guid? MediaKey(string alias) => Content.MediaKeysValue(alias, Culture) is [var first, ..] ? first : null;

    public PublishedContent? Picked(string alias) => Content.KeyValue(alias, Culture) is { } key ? Snapshot.Get(key) : null;

    /// <summary>Links of a link picker with their targets resolved (content links use the content's current URL).</summary>
    public IReadOnlyList<(string Name, string Url)> Links(string alias) => Content.ResolvedLinks(alias, Culture, Snapshot);

    /// <summary>The URL of the first page of a document type in this culture (the search page, the leaflet list).</summary>
    public string? UrlOfFirst(string contentTypeAlias) =>
        Snapshot.GetOrAddDerived($"first:{contentTypeAlias}:{Culture}", () =>
            Snapshot.All.FirstOrDefault(c => c.ContentTypeAlias == contentTypeAlias && c.HasCulture(Culture))?.Url(Culture) ?? "") is { Length: > 0 } url
            ? url
            : null;
}
