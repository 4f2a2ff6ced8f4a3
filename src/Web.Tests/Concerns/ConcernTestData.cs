using ChildProtection.Web.Features.Accounts;
using ChildProtection.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace ChildProtection.Web.Tests.Concerns;

/// <summary>Officers, reports and pictures for the report-a-concern tests.</summary>
internal static class ConcernTestData
{
    /// <summary>A new receiving officer (cán bộ tiếp nhận) tied to <paramref name="unitId"/>, signed in.</summary>
    public static async Task<(string Email, StaffClient Client)> OfficerAsync(SiteFactory site, int? unitId)
    {
        var email = await StaffClient.CreateUserAsync(site, StaffRoles.ConcernOfficer);
        await using (var scope = site.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            user.UnitId = unitId;
            await users.UpdateAsync(user);
        }

        var client = new StaffClient(site);
        await client.SignInAsync(email);
        return (email, client);
    }

    /// <summary>A PNG of random pixels: its bytes are found nowhere else, so a search for them in a database dump means something.</summary>
    public static byte[] NoisePicture(int seed)
    {
        var random = new Random(seed);
        using var bitmap = new SKBitmap(64, 48);
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }

        return bitmap.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    /// <summary>Sends the child's form as a browser would, with a picture; the answer page holds the receipt code.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, string what, string? place, string? contact, byte[]? picture, string category = "SchoolBullying")
    {
        var (_, page) = await client.GetPageAsync("/bao-tin");
        var token = page.QuerySelector("form[action='/bao-tin'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("false"), "Adult" },
            { new StringContent("Child"), "Reporter" },
            { new StringContent(category), "Category" },
            { new StringContent(place ?? ""), "Place" },
            { new StringContent("hôm qua"), "When" },
            { new StringContent(what), "What" },
            { new StringContent(contact ?? ""), "Contact" },
            { new StringContent(""), "Website" },
        };
        if (picture is not null)
        {
            form.Add(new ByteArrayContent(picture), "pictures", "anh.png");
        }

        return await client.PostAsync("/bao-tin", form);
    }

    public static string ReceiptCode(string receivedPage) =>
        Html.Parse(receivedPage).QuerySelector("[data-receipt-code]")?.TextContent.Trim()
        ?? throw new InvalidOperationException("No receipt code on the page.");
}
