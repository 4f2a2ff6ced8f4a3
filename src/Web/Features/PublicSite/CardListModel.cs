using ChildProtection.Cms.Publishing;

namespace ChildProtection.Web.Features.PublicSite;

public sealed record CardListModel(PageViewModel Page, IReadOnlyList<PublishedContent> Items, string DateAlias = "publishDate");
