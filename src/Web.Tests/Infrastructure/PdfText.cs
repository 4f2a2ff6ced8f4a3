using System.Diagnostics;
using System.Net;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>A PDF the site serves, read back as text the way a reader would copy it.</summary>
public static class PdfText
{
    /// <summary>The PDF's text as pdftotext reads it (the layout kept, so a table's row stays on one line).</summary>
    public static async Task<string> OfAsync(StaffClient client, string url)
    {
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
