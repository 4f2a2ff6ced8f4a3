namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>The paper versions page's results form, sent as a browser sends it.</summary>
public static class PaperResultsForm
{
    /// <param name="here">The paper versions page; the form posts below it.</param>
    /// <param name="fields">The form's other fields (a course's "lessons attended in person").</param>
    public static async Task<HttpResponseMessage> SendAsync(StaffClient staff, string here, string csv, IReadOnlyDictionary<string, string>? fields = null)
    {
        var (_, page) = await staff.Http.GetPageAsync(here);
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector($"form[action='{here}/ket-qua'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", "ket-qua.csv" },
        };
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        return await staff.Http.PostAsync($"{here}/ket-qua", form);
    }
}
