using System.Net;
using ChildProtection.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>A browser-like client of the backoffice: keeps cookies, posts forms with their anti-forgery token.</summary>
/// <param name="address">Where its requests go.</param>
/// <param name="cookies">Its browser's cookies, which another client of the same browser may share (another node, another address of one proxy).</param>
/// <param name="site">The in-process site behind <paramref name="address"/>, for the helpers that make its users.</param>
/// <param name="overHttps">A visitor who reached the trusted proxy over https (the tests' requests come from its place).</param>
public sealed class StaffClient(Uri address, CookieContainer cookies, SiteFactory? site = null, bool overHttps = false) : IDisposable
{
    public const string Password = "Mat-khau-nhan-vien-1";

    public StaffClient(SiteFactory site, bool overHttps = false)
        : this(new Uri(site.ServerAddress), new CookieContainer(), site, overHttps)
    {
    }

    private HttpClient? _client;

    private HttpClient Client => _client ??= new(overHttps ? new HttpsVisitorCookies(cookies) : new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = address };

    public HttpClient Http => Client;

    /// <summary>Its browser's cookies, for another client of the same browser.</summary>
    public CookieContainer Cookies => cookies;

    /// <summary>The value of this client's cookie <paramref name="name"/> for <paramref name="path"/>, as one could copy it from the browser.</summary>
    public string Cookie(string name, string path) => cookies.GetCookies(new Uri(address, path))[name]?.Value
        ?? throw new InvalidOperationException($"No cookie {name} for {path}.");

    /// <summary>A client with no cookies of its own that sends <paramref name="name"/>=<paramref name="value"/>, as a thief replays a copied cookie.</summary>
    public static HttpClient Replaying(SiteFactory site, string name, string value)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(site.ServerAddress) };
        client.DefaultRequestHeaders.Add("Cookie", $"{name}={value}");
        return client;
    }

    /// <summary>A new staff user in <paramref name="roles"/>, with <see cref="Password"/>.</summary>
    public static async Task<string> CreateUserAsync(SiteFactory site, params string[] roles)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = $"nv-{Guid.NewGuid():n}@example.vn";
        var user = new StaffUser { UserName = email, Email = email, DisplayName = "Nhân viên thử", EmailConfirmed = true };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        foreach (var role in roles)
        {
            await users.AddToRoleAsync(user, role);
        }

        return email;
    }

    /// <summary>A new Administrator, signed in, with two-factor sign-in set up (administrators cannot work without it).</summary>
    public async Task<string> SignInAsAdministratorAsync()
    {
        var email = await CreateUserAsync(site ?? throw new InvalidOperationException("A client of an address alone cannot make users."), StaffRoles.Administrator);
        await SignInAsync(email);
        var (_, page) = await Client.GetPageAsync("/backoffice/bao-mat");
        var key = page.QuerySelector(".authenticator-key")?.TextContent ?? throw new InvalidOperationException("No authenticator key on the security page.");
        SetUpCode = Totp.Code(key);
        var enabled = await PostFormAsync("/backoffice/bao-mat", "/backoffice/bao-mat/bat-xac-thuc", new() { ["code"] = SetUpCode });
        if (!enabled.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Two-factor set-up failed: {enabled.StatusCode}");
        }

        AuthenticatorKey = key;
        return email;
    }

    /// <summary>The code that turned two-factor sign-in on in <see cref="SignInAsAdministratorAsync"/>.</summary>
    public string? SetUpCode { get; private set; }

    /// <summary>The key of the last administrator set up by <see cref="SignInAsAdministratorAsync"/>.</summary>
    public string? AuthenticatorKey { get; private set; }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password = Password) =>
        await PostFormAsync("/backoffice/dang-nhap", "/backoffice/dang-nhap", new() { ["Email"] = email, ["Password"] = password });

    /// <summary>Reads the form page for its anti-forgery token, then posts <paramref name="fields"/> with it.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(formPage, action);
        return await Client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>As <see cref="PostFormAsync"/>, with fields that may repeat a name (a grid's columns), sent in their order.</summary>
    public async Task<HttpResponseMessage> PostFieldsAsync(string formPage, string action, IEnumerable<(string Name, string Value)> fields) =>
        await Client.PostAsync(action, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Prepend(KeyValuePair.Create("__RequestVerificationToken", await TokenAsync(formPage, action)))));

    /// <summary>As <see cref="PostFormAsync"/>, but with a Host header of the caller's choosing, as an attacker sends one.</summary>
    public async Task<HttpResponseMessage> PostFormWithHostAsync(string formPage, string action, Dictionary<string, string> fields, string host)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(formPage, action);
        using var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Host = host;
        return await Client.SendAsync(request);
    }

    /// <summary>Posts with the anti-forgery token of <paramref name="formPage"/> to an address no form of it names (a button's formaction, a script's fetch).</summary>
    public async Task<HttpResponseMessage> PostWithPageTokenAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        var (_, page) = await Client.GetPageAsync(formPage);
        fields["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await Client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Uploads a file through the form on <paramref name="formPage"/>, as a browser would, with the form's other <paramref name="fields"/>.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string formPage, string action, string field, string fileName, byte[] content, IEnumerable<KeyValuePair<string, string>>? fields = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(await TokenAsync(formPage, action)), "__RequestVerificationToken" },
            { new ByteArrayContent(content), field, fileName },
        };
        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        return await Client.PostAsync(action, form);
    }

    /// <summary>The fields of the form behind a one-time password link (<paramref name="page"/>: its path and query).</summary>
    public static Dictionary<string, string> SetPasswordFields(string page, string password)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + page).Query);
        return new() { ["Email"] = query["email"]!, ["Token"] = query["token"]!, ["Password"] = password, ["Confirm"] = password };
    }

    /// <summary>The anti-forgery token of the form on <paramref name="formPage"/> that posts to <paramref name="action"/>.</summary>
    public async Task<string> TokenAsync(string formPage, string action)
    {
        var (_, page) = await Client.GetPageAsync(formPage);
        return page.QuerySelector($"form[action='{action}'] input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No form posting to {action} with an anti-forgery token on {formPage}.");
    }

    public void Dispose() => _client?.Dispose();

    /// <summary>
    /// The proxy's X-Forwarded-Proto on every request, and cookies kept as the visitor's browser keeps them for the
    /// https address it sees: a cookie jar for the plain-http address the test talks to would hold Secure cookies back.
    /// </summary>
    private sealed class HttpsVisitorCookies(CookieContainer cookies) : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var seenAs = new UriBuilder(request.RequestUri!) { Scheme = Uri.UriSchemeHttps, Port = request.RequestUri!.Port }.Uri;
            request.Headers.Add("X-Forwarded-Proto", "https");
            if (cookies.GetCookieHeader(seenAs) is { Length: > 0 } header)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            {
                cookies.SetCookies(seenAs, cookie);
            }

            return response;
        }
    }
}
