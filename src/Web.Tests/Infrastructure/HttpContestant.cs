using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;

namespace ChildProtection.Web.Tests.Infrastructure;

/// <summary>
/// A contestant's browser over HTTP, doing what the round page, the code page and the attempt page's script do: enter,
/// confirm the e-mailed code, save each answer as it is given (again after a failure, as attempt.js does) and hand in.
/// </summary>
public sealed partial class HttpContestant(StaffClient browser, string email)
{
    public const string SampleRound = "/cuoc-thi/cuoc-thi-tim-hieu-luat-tre-em/vong/1";

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    public string Email => email;

    /// <summary>The client its requests go through; a test may move it to another node's address with the same cookies.</summary>
    public StaffClient Browser { get; set; } = browser;

    /// <summary>The attempt page's address once the code is confirmed.</summary>
    public string? AttemptPath { get; private set; }

    public Guid AttemptKey => Guid.Parse(AttemptPath![(AttemptPath!.LastIndexOf('/') + 1)..]);

    /// <summary>The answers the site confirmed (200, saved), by question: the revision it confirmed.</summary>
    public Dictionary<long, int> Confirmed { get; } = [];

    private IHtmlDocument? _attempt;
    private string _token = "";

    /// <summary>Sends the entry form and confirms the code the e-mail brings.</summary>
    public async Task EnterAndConfirmAsync(string round = SampleRound)
    {
        var entered = await Browser.PostFormAsync(round, round, new()
        {
            ["FullName"] = "Nguyễn Thị Thử", ["BirthDateOrClass"] = "Lớp 7A", ["School"] = "Trường THCS Ninh Sơn", ["Email"] = email,
        });
        Assert.True(entered.StatusCode == HttpStatusCode.Redirect, $"Entry form: {entered.StatusCode}");
        var codePage = entered.Headers.Location!.OriginalString;
        var message = Assert.Single(await SmtpSink.WaitForAsync(email, timeout: TimeSpan.FromSeconds(90)));
        var code = SixDigits().Match(message.TextBody ?? "").Value;
        var confirmed = await Browser.PostFormAsync(codePage, codePage, new() { ["ma"] = code });
        Assert.True(confirmed.StatusCode == HttpStatusCode.Redirect, $"Code: {confirmed.StatusCode}");
        AttemptPath = confirmed.Headers.Location!.OriginalString;
    }

    /// <summary>Opens the attempt page and returns its questions' ids.</summary>
    public async Task<IReadOnlyList<long>> OpenAttemptAsync()
    {
        var (response, page) = await Browser.Http.GetPageAsync(AttemptPath!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        _attempt = page;
        _token = page.QuerySelector("form.attempt input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return Questions().Select(q => long.Parse(q.GetAttribute("data-question")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>
    /// Saves an answer to <paramref name="question"/> as the page's script does, trying again after a failure (a node
    /// gone, a proxy's 502) for up to <paramref name="patience"/>; true once the site confirmed it.
    /// </summary>
    public async Task<bool> SaveAsync(long question, int revision, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (true)
        {
            var body = new MultipartFormDataContent();
            foreach (var (name, value) in AnswerFields(question))
            {
                body.Add(new StringContent(value), name);
            }

            body.Add(new StringContent(revision.ToString(System.Globalization.CultureInfo.InvariantCulture)), "phien-ban");
            body.Add(new StringContent(_token), "__RequestVerificationToken");
            try
            {
                using var response = await Browser.Http.PostAsync($"{AttemptPath}/cau/{question}", body);
                if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync()).Contains("\"saved\":true", StringComparison.Ordinal))
                {
                    Confirmed[question] = revision;
                    return true;
                }

                if ((int)response.StatusCode < 500)
                {
                    return false;
                }
            }
            catch (HttpRequestException)
            {
                // The connection broke: the page's script tries again, and so does this.
            }

            if (DateTime.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(500);
        }
    }

    /// <summary>Hands the attempt in with every question's answer and a tie-break guess; true when the thank-you page came.</summary>
    public async Task<bool> HandInAsync()
    {
        var fields = Questions().SelectMany(q => AnswerFields(long.Parse(q.GetAttribute("data-question")!, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        fields.Add(new("du-doan", "42"));
        fields.Add(new("__RequestVerificationToken", _token));
        using var response = await Browser.Http.PostAsync($"{AttemptPath}/nop", new FormUrlEncodedContent(fields));
        return response.StatusCode == HttpStatusCode.Redirect;
    }

    private IEnumerable<AngleSharp.Dom.IElement> Questions() => _attempt!.QuerySelectorAll("fieldset.question[data-question]");

    /// <summary>An answer to every input of the question, as a person would give one (the first choice, a number, a word).</summary>
    private List<KeyValuePair<string, string>> AnswerFields(long question)
    {
        var fieldset = _attempt!.QuerySelector($"fieldset[data-question='{question}']")!;
        var fields = new List<KeyValuePair<string, string>>();
        if (fieldset.QuerySelector("input[type=radio], input[type=checkbox]") is IHtmlInputElement choice)
        {
            fields.Add(new(choice.Name!, choice.Value));
        }

        foreach (var select in fieldset.QuerySelectorAll("select").OfType<IHtmlSelectElement>())
        {
            fields.Add(new(select.Name!, select.Options.First(o => o.Value.Length > 0).Value));
        }

        foreach (var typed in fieldset.QuerySelectorAll("input[inputmode]").OfType<IHtmlInputElement>())
        {
            fields.Add(new(typed.Name!, typed.GetAttribute("inputmode") == "decimal" ? "111" : "quyền trẻ em"));
        }

        return fields;
    }
}
