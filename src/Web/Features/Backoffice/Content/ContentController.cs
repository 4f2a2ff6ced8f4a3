using ChildProtection.Cms.Content;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Schema;
using ChildProtection.Cms.Text;
using ChildProtection.Core;
using ChildProtection.Web.Features.Backoffice;
using ChildProtection.Web.Features.PublicSite;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Backoffice.Content;

/// <summary>
/// The content section: the tree (children loaded on demand), the editor generated from the document type,
/// and what an editor does to a node. Writers save and send for approval; publishing needs the Publish policy,
/// checked here on the server whatever the form says.
/// </summary>
[Route("backoffice/noi-dung"), Authorize(Policy = BackofficePolicies.Write)]
public sealed class ContentController(
    ContentService content,
    ContentTree tree,
    ContentEditorPages pages,
    ContentSchema schema,
    PropertyForm form,
    ContentReviews reviews,
    PreviewLinks previews,
    IAuthorizationService authorization,
    IOptions<CmsOptions> cms,
    IStringLocalizer<BackofficeText> text) : Controller
{
    private const string AfterSave = "sau-khi-luu";
    private const string Publish = "xuat-ban";
    private const string SendForApproval = "gui-duyet";

    private string UserName => User.Identity!.Name!;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery(Name = "ngon-ngu")] string? culture, CancellationToken ct)
    {
        return View("~/Features/Backoffice/Content/Tree.cshtml", await pages.TreeAsync(Culture(culture), UserName, await CanPublishAsync(), ct));
    }

    /// <summary>A node's children as list items, for the tree to insert when a branch is opened.</summary>
    [HttpGet("cay")]
    public async Task<IActionResult> Children([FromQuery(Name = "cha")] Guid? parent, [FromQuery(Name = "ngon-ngu")] string? culture, CancellationToken ct)
    {
        culture = Culture(culture);
        return PartialView("~/Features/Backoffice/Content/_TreeChildren.cshtml", new ContentChildrenViewModel(await tree.GetChildrenAsync(parent, culture, ct), culture));
    }

    [HttpGet("tao")]
    public async Task<IActionResult> Create([FromQuery(Name = "cha")] Guid? parent, [FromQuery(Name = "loai")] string? type, CancellationToken ct)
    {
        if (schema.Find(type ?? "") is not { } contentType || await RefusedHereAsync(parent, contentType, ct))
        {
            return NotFound();
        }

        return View(EditorView, await EditorAsync(contentType, null, parent, cms.Value.DefaultCulture, null, [], null, ct));
    }

    [HttpPost("tao"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Create([FromQuery(Name = "cha")] Guid? parent, [FromQuery(Name = "loai")] string? type, [FromForm(Name = AfterSave)] string? then, CancellationToken ct)
    {
        if (schema.Find(type ?? "") is not { } contentType || await RefusedHereAsync(parent, contentType, ct))
        {
            return NotFound();
        }

        if (then == Publish && !await CanPublishAsync())
        {
            return Forbid();
        }

        var culture = cms.Value.DefaultCulture;
        var edit = form.Merge(contentType, null, culture, Request.Form);
        var result = then == Publish
            ? await content.CreateAndPublishAsync(parent, contentType.Alias, edit, UserName, ct)
            : await content.CreateAsync(parent, contentType.Alias, edit, UserName, ct: ct);
        if (!result.Success)
        {
            Response.StatusCode = RefusalCode(result.Status);
            return View(EditorView, await EditorAsync(contentType, null, parent, culture, edit, result.Result?.ValidationErrors ?? [], null, ct, Refusal(result.Status)));
        }

        return await AfterSavingAsync(result.Result.Content!.Key, culture, then, ct);
    }

    [HttpGet("{key:guid}")]
    public async Task<IActionResult> Edit(Guid key, [FromQuery(Name = "ngon-ngu")] string? culture, [FromQuery(Name = "da")] string? done, CancellationToken ct)
    {
        if (await content.GetAsync(key, ct) is not { Trashed: false } document)
        {
            return NotFound();
        }

        var message = done is null ? null : text[$"ContentDone.{done}"] is { ResourceNotFound: false } found ? found.Value : null;
        return View(EditorView, await EditorAsync(schema.Get(document.ContentTypeAlias), document, document.ParentKey, Culture(culture), null, [], message, ct));
    }

    [HttpPost("{key:guid}"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Save(Guid key, [FromQuery(Name = "ngon-ngu")] string? culture, [FromForm(Name = AfterSave)] string? then, CancellationToken ct)
    {
        if (await content.GetAsync(key, ct) is not { Trashed: false } document)
        {
            return NotFound();
        }

        if (then == Publish && !await CanPublishAsync())
        {
            return Forbid();
        }

        culture = Culture(culture);
        var type = schema.Get(document.ContentTypeAlias);
        var edit = form.Merge(type, document, culture, Request.Form);
        var result = then == Publish
            ? await reviews.PublishAsync(key, edit, UserName, Request, ct)
            : await content.SaveAsync(key, edit, UserName, ct);
        if (!result.Success)
        {
            Response.StatusCode = RefusalCode(result.Status);
            return View(EditorView, await EditorAsync(type, document, document.ParentKey, culture, edit, result.Result?.ValidationErrors ?? [], null, ct, Refusal(result.Status)));
        }

        return await AfterSavingAsync(key, culture, then, ct);
    }

    [HttpPost("{key:guid}/ngung-xuat-ban"), Authorize(Policy = BackofficePolicies.Publish), ValidateAntiForgeryToken]
    public async Task<IActionResult> Unpublish(Guid key, [FromQuery(Name = "ngon-ngu")] string? culture, CancellationToken ct)
    {
        var result = await content.UnpublishAsync(key, UserName, ct);
        return result.Success ? EditorRedirect(key, Culture(culture), "unpublished") : NotFound();
    }

    [HttpPost("{key:guid}/tra-lai"), Authorize(Policy = BackofficePolicies.Publish), ValidateAntiForgeryToken]
    public async Task<IActionResult> Reject(Guid key, [FromQuery(Name = "ngon-ngu")] string? culture, [FromForm(Name = "nhan-xet")] string? comment, CancellationToken ct)
    {
        culture = Culture(culture);
        var result = await reviews.RejectAsync(key, UserName, comment, Request, ct);
        if (result.Success)
        {
            return EditorRedirect(key, culture, "rejected");
        }

        if (await content.GetAsync(key, ct) is not { } document)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(EditorView, await EditorAsync(schema.Get(document.ContentTypeAlias), document, document.ParentKey, culture, null, [], null, ct, text[$"Approval{result.Status}"]));
    }

    /// <summary>Opens the draft as the public will see it, through a signed link that expires.</summary>
    [HttpGet("{key:guid}/xem-truoc")]
    public async Task<IActionResult> Preview(Guid key, [FromQuery(Name = "ngon-ngu")] string? culture, CancellationToken ct) =>
        await content.ExistsAsync(key, ct) ? Redirect(previews.Create(key, Culture(culture))) : NotFound();

    [HttpPost("{key:guid}/xoa"), Authorize(Policy = BackofficePolicies.Publish), ValidateAntiForgeryToken]
    public async Task<IActionResult> Trash(Guid key, CancellationToken ct)
    {
        var result = await content.MoveToRecycleBinAsync(key, UserName, ct);
        return result.Success ? LocalRedirect("/backoffice/noi-dung") : NotFound();
    }

    [HttpGet("{key:guid}/di-chuyen")]
    public async Task<IActionResult> Move(Guid key, CancellationToken ct) =>
        await content.GetAsync(key, ct) is { Trashed: false } document ? View(MoveView, await pages.MoveAsync(document, null, ct)) : NotFound();

    [HttpPost("{key:guid}/di-chuyen"), Authorize(Policy = BackofficePolicies.Publish), ValidateAntiForgeryToken]
    public Task<IActionResult> Move(Guid key, [FromForm(Name = "cha")] string? parent, CancellationToken ct) =>
        MoveOrCopyAsync(key, parent, (target, user) => content.MoveAsync(key, target, user, ct), ct);

    [HttpPost("{key:guid}/sao-chep"), ValidateAntiForgeryToken]
    public Task<IActionResult> Copy(Guid key, [FromForm(Name = "cha")] string? parent, CancellationToken ct) =>
        MoveOrCopyAsync(key, parent, (target, user) => content.CopyAsync(key, target, user, ct), ct);

    [HttpGet("sap-xep")]
    public async Task<IActionResult> Sort([FromQuery(Name = "cha")] Guid? parent, CancellationToken ct) =>
        await SortPageAsync(parent, null, ct) ?? NotFound();

    /// <summary>Children in the order of the positions typed beside them (ties keep their current order).</summary>
    [HttpPost("sap-xep"), Authorize(Policy = BackofficePolicies.Publish), ValidateAntiForgeryToken]
    public async Task<IActionResult> SaveSort([FromQuery(Name = "cha")] Guid? parent, CancellationToken ct)
    {
        var children = await tree.GetChildrenAsync(parent, cms.Value.DefaultCulture, ct);
        var ordered = children
            .Select((child, index) => (child.Key, Position: int.TryParse(Request.Form[$"vi-tri.{child.Key}"], out var p) ? p : index + 1, index))
            .OrderBy(c => c.Position).ThenBy(c => c.index).Select(c => c.Key).ToList();
        var result = await content.SortAsync(parent, ordered, UserName, ct);
        return result.Success ? await SortPageAsync(parent, text["Sorted"], ct) ?? NotFound() : NotFound();
    }

    /// <summary>The markdown editor's live preview: the same renderer (and sanitiser) as the public site.</summary>
    [HttpPost("xem-truoc-markdown"), ValidateAntiForgeryToken]
    public IActionResult MarkdownPreview([FromForm] string? markdown, [FromServices] MarkdownRenderer renderer) =>
        Content(renderer.ToHtml(markdown), "text/html; charset=utf-8");

    private const string EditorView = "~/Features/Backoffice/Content/Editor.cshtml";
    private const string MoveView = "~/Features/Backoffice/Content/Move.cshtml";

    private string Culture(string? culture) => cms.Value.CultureOrDefault(culture);

    private async Task<bool> CanPublishAsync() => (await authorization.AuthorizeAsync(User, BackofficePolicies.Publish)).Succeeded;

    private async Task<bool> RefusedHereAsync(Guid? parent, ContentType type, CancellationToken ct)
    {
        if (type.IsElement)
        {
            return true;
        }

        if (parent is null)
        {
            return !type.AllowAtRoot;
        }

        return await content.GetAsync(parent.Value, ct) is not { Trashed: false } parentDocument || !schema.Get(parentDocument.ContentTypeAlias).AllowsChild(type.Alias);
    }

    /// <summary>Where a successful save goes: a publish was done with it; a request for approval follows it.</summary>
    private async Task<IActionResult> AfterSavingAsync(Guid key, string culture, string? then, CancellationToken ct)
    {
        switch (then)
        {
            case Publish:
                return EditorRedirect(key, culture, "published");
            case SendForApproval:
                await reviews.RequestAsync(key, UserName, Request.Form["ghi-chu"], Request, ct);
                return EditorRedirect(key, culture, "sent");
            default:
                return EditorRedirect(key, culture, "saved");
        }
    }

    /// <summary>A publish refused after the save would have passed (the parent is not public, the page is in the recycle bin) is a conflict with the tree's state, as it always was.</summary>
    private static int RefusalCode(ContentOperationStatus status) =>
        status is ContentOperationStatus.ParentNotPublished or ContentOperationStatus.InRecycleBin ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;

    private RedirectResult EditorRedirect(Guid key, string culture, string done) =>
        Redirect($"/backoffice/noi-dung/{key}?ngon-ngu={culture}&da={done}");

    private string? Refusal(ContentOperationStatus status) =>
        status is ContentOperationStatus.Success or ContentOperationStatus.ValidationFailed ? null : text[$"Content{status}"].Value;

    private async Task<ContentEditorViewModel> EditorAsync(
        ContentType type, ContentDocument? document, Guid? parent, string culture, ContentEdit? posted,
        IReadOnlyList<ContentValidationError> errors, string? message, CancellationToken ct, string? refusal = null) =>
        await pages.EditorAsync(type, document, parent, culture, posted, errors, message, await CanPublishAsync(), ct, refusal);

    private async Task<IActionResult> MoveOrCopyAsync(Guid key, string? parent, Func<Guid?, string, Task<Attempt<ContentDocument, ContentOperationStatus>>> operation, CancellationToken ct)
    {
        if (await content.GetAsync(key, ct) is not { Trashed: false } document)
        {
            return NotFound();
        }

        Guid? target = Guid.TryParse(parent, out var parsed) ? parsed : null;
        var result = await operation(target, UserName);
        if (result.Success)
        {
            return EditorRedirect(result.Result.Key, cms.Value.DefaultCulture, "moved");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(MoveView, await pages.MoveAsync(document, Refusal(result.Status), ct));
    }

    private async Task<IActionResult?> SortPageAsync(Guid? parent, string? message, CancellationToken ct) =>
        await pages.SortAsync(parent, text["ContentRoot"], message, ct) is { } model ? View("~/Features/Backoffice/Content/Sort.cshtml", model) : null;
}
