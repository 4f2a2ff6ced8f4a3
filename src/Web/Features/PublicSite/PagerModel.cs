namespace ChildProtection.Web.Features.PublicSite;

/// <summary>Previous/next links for a paged list (news, search results).</summary>
public sealed record PagerModel(int Page, int PageCount, Func<int, string> UrlFor);
