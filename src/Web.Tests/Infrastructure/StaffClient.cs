using System.Net;
using ChildProtection.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>A browser-like client of the backoffice: keeps cookies, posts forms with their anti-forgery token.</summary>
/// <param name="overHttps">A visitor who reached the trusted proxy over https (the tests' requests come from its place).</param>
public sealed class StaffClient(SiteFactory site, bool overHttps = false) : IDisposable
{
    public const string Password = "Mat-khau-nhan-vien-1";

    private readonly HttpClient _client = new(overHttps ? new HttpsVisitorCookies() : new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
    {
        BaseAddress = new Uri(site.ServerAddress),
    };

    public HttpClient Http => _client;

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
        var email = await CreateUserAsync(site, StaffRoles.Administrator);
        await SignInAsync(email);
        var (_, page) = await _client.GetPageAsync("/backoffice/bao-mat");
        var key = page.QuerySelector(".authenticator-key")?.TextContent ?? throw new InvalidOperationException("No authenticator key on the security page.");
        var enabled = await PostFormAsync("/backoffice/bao-mat", "/backoffice/bao-mat/bat-xac-thuc", new() { ["code"] = Totp.Code(key) });
        if (!enabled.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Two-factor set-up failed: {enabled.StatusCode}");
        }

        AuthenticatorKey = key;
        return email;
    }

    /// <summary>The key of the last administrator set up by <see cref="SignInAsAdministratorAsync"/>.</summary>
    public string? AuthenticatorKey { get; private set; }

    public async Task<HttpResponseMessage> SignInAsync(string email, string password = Password) =>
        await PostFormAsync("/backoffice/dang-nhap", "/backoffice/dang-nhap", new() { ["Email"] = email, ["Password"] = password });

    /// <summary>Reads the form page for its anti-forgery token, then posts <paramref name="fields"/> with it.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await TokenAsync(formPage, action);
        return await _client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Posts with the anti-forgery token of <paramref name="formPage"/> to an address no form of it names (a button's formaction, a script's fetch).</summary>
    public async Task<HttpResponseMessage> PostWithPageTokenAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        var (_, page) = await _client.GetPageAsync(formPage);
        fields["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await _client.PostAsync(action, new FormUrlEncodedContent(fields));
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

        return await _client.PostAsync(action, form);
    }

    /// <summary>The fields of the form behind a one-time password link (<paramref name="page"/>: its path and query).</summary>
    public static Dictionary<string, string> SetPasswordFields(string page, string password)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + page).Query);
        return new() { ["Email"] = query["email"]!, ["Token"] = query["token"]!, ["Password"] = password, ["Confirm"] = password };
    }

    private async Task<string> TokenAsync(string formPage, string action)
    {
        var (_, page) = await _client.GetPageAsync(formPage);
        return page.QuerySelector($"form[action='{action}'] input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No form posting to {action} with an anti-forgery token on {formPage}.");
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// The proxy's X-Forwarded-Proto on every request, and cookies kept as the visitor's browser keeps them for the
    /// https address it sees: a cookie jar for the plain-http address the test talks to would hold Secure cookies back.
    /// </summary>
    private sealed class HttpsVisitorCookies() : DelegatingHandler(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        private readonly CookieContainer _cookies = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var seenAs = new UriBuilder(request.RequestUri!) { Scheme = Uri.UriSchemeHttps, Port = request.RequestUri!.Port }.Uri;
            request.Headers.Add("X-Forwarded-Proto", "https");
            if (_cookies.GetCookieHeader(seenAs) is { Length: > 0 } cookies)
            {
                request.Headers.Add("Cookie", cookies);
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            {
                _cookies.SetCookies(seenAs, cookie);
            }

            return response;
        }
    }
}
