using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Tests.Quizzes.Questions;

public sealed class MoodleXmlFormatTests
{
    /// <summary>A 1×1 PNG, as Moodle embeds a picture: base64 inside the question text's &lt;file&gt;.</summary>
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    /// <summary>What Moodle 4 exports: HTML in CDATA, a picture referenced as @@PLUGINFILE@@, answers in HTML, a short answer in its auto format.</summary>
    private static string Export(string file = $"""<file name="so do.png" path="/" encoding="base64">{Png}</file>""") => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <quiz>
          <question type="category"><category><text>$course$/top/Luật Trẻ em</text></category></question>
          <question type="multichoice">
            <name><text>Biển báo</text></name>
            <questiontext format="html">
              <text><![CDATA[<p>Biển báo <strong>này</strong> nghĩa là gì?</p><p><img src="@@PLUGINFILE@@/so%20do.png?time=1700000000" alt="Sơ đồ"></p>]]></text>
              {{file}}
              <file name="con-lai.pdf" path="/" encoding="base64">JVBERi0=</file>
            </questiontext>
            <generalfeedback format="html"><text><![CDATA[<p>Xem <em>Điều 6</em>.</p>]]></text></generalfeedback>
            <single>true</single>
            <answer fraction="100" format="html"><text><![CDATA[<p>Trẻ em được <b>bảo vệ</b></p>]]></text><feedback format="html"><text><![CDATA[<p>Đúng.</p>]]></text></feedback></answer>
            <answer fraction="0" format="html"><text><![CDATA[<p>Không gì cả</p>]]></text><feedback format="html"><text></text></feedback></answer>
          </question>
          <question type="shortanswer">
            <name><text>Tổng đài</text></name>
            <questiontext format="plain_text"><text>Số tổng đài là?
        Viết bằng chữ số.</text></questiontext>
            <answer fraction="100" format="html"><text>111</text><feedback format="html"><text><![CDATA[<p>Đúng <b>rồi</b>.</p>]]></text></feedback></answer>
          </question>
        </quiz>
        """;

    [Fact]
    public void Parse_HtmlWithAnEmbeddedPicture_KeepsTheMarkupAndGivesTheFile()
    {
        var import = MoodleXmlFormat.Parse(Export());

        Assert.Empty(import.Problems);
        var picture = import.Questions[0];
        Assert.Equal((TextFormat.Html, "Luật Trẻ em"), (picture.Format, picture.Category));
        Assert.Equal("""<p>Biển báo <strong>này</strong> nghĩa là gì?</p><p><img src="@@PLUGINFILE@@/so%20do.png?time=1700000000" alt="Sơ đồ"></p>""", picture.Text);
        Assert.Equal("<p>Xem <em>Điều 6</em>.</p>", picture.Feedback);
        var choices = Assert.IsType<ChoiceBody>(picture.Body).Choices;
        Assert.Equal(["<p>Trẻ em được <b>bảo vệ</b></p>", "<p>Không gì cả</p>"], choices.Select(c => c.Text));
        Assert.Equal("<p>Đúng.</p>", choices[0].Feedback);

        // Only the file the wording shows; the PDF nobody refers to stays behind.
        var file = Assert.Single(import.Files);
        Assert.Equal((0, "so do.png"), (file.Question, file.Name));
        Assert.Equal(Convert.FromBase64String(Png), file.Content);
        var linked = MoodleXmlFormat.LinkFiles(picture, name => $"/media/abc/{name.Replace(' ', '-')}");
        Assert.Contains("""<img src="/media/abc/so-do.png" alt="Sơ đồ">""", linked.Text);
    }

    [Fact]
    public void Parse_PlainTextQuestionWithHtmlFeedback_BecomesHtmlThatReadsTheSame_AndAcceptedAnswersStayPlain()
    {
        var question = MoodleXmlFormat.Parse(Export()).Questions[1];

        Assert.Equal(TextFormat.Html, question.Format);
        Assert.Equal("Số tổng đài là?<br>\nViết bằng chữ số.", question.Text);
        var answer = Assert.Single(Assert.IsType<ShortAnswerBody>(question.Body).Answers);
        Assert.Equal(("111", "<p>Đúng <b>rồi</b>.</p>"), (answer.Text, answer.Feedback));
    }

    [Theory]
    [InlineData("""<file name="so do.png" path="/" encoding="base64">không-phải-base64!</file>""", ImportProblemKind.BadFile)]
    [InlineData("""<file name="khac.png" path="/" encoding="base64">iVBORw0KGgo=</file>""", ImportProblemKind.MissingFile)]
    public void Parse_BrokenOrMissingPicture_ReportsTheQuestion_TheOthersComeThrough(string file, ImportProblemKind kind)
    {
        var import = MoodleXmlFormat.Parse(Export(file));

        var problem = Assert.Single(import.Problems);
        Assert.Equal((1, "Biển báo", kind), (problem.Number, problem.Name, problem.Kind));
        Assert.Equal(["Tổng đài"], import.Questions.Select(q => q.Name));
        Assert.Empty(import.Files);
    }

    [Fact]
    public void Parse_AFileThatIsNoPicture_ReportedByName()
    {
        var import = MoodleXmlFormat.Parse(Export(), isPicture: content => content.Length > 100);

        var problem = Assert.Single(import.Problems);
        Assert.Equal((ImportProblemKind.NotAnImage, "so do.png"), (problem.Kind, problem.Detail));
    }

    [Fact]
    public void Parse_MarkdownAnswerInAnHtmlQuestion_MakesItMarkdown_WithPlainPiecesEscaped()
    {
        var import = MoodleXmlFormat.Parse("""
            <quiz>
              <question type="truefalse">
                <name><text>Đậm</text></name>
                <questiontext format="markdown"><text>Số **111** miễn phí?</text></questiontext>
                <generalfeedback format="plain_text"><text>1 * 1 = 1</text></generalfeedback>
                <answer fraction="100"><text>true</text><feedback format="html"><text><![CDATA[<b>Đúng</b>]]></text></feedback></answer>
                <answer fraction="0"><text>false</text></answer>
              </question>
            </quiz>
            """);

        var question = Assert.Single(import.Questions);
        Assert.Equal((TextFormat.Markdown, "Số **111** miễn phí?"), (question.Format, question.Text));
        Assert.Equal("1 \\* 1 \\= 1", question.Feedback);
        Assert.Equal("<b>Đúng</b>", Assert.IsType<TrueFalseBody>(question.Body).FeedbackWhenRight);
    }

    [Fact]
    public void Write_ThenParse_KeepsEachFormat()
    {
        var questions = MoodleXmlFormat.Parse(Export()).Questions.Select(q => MoodleXmlFormat.LinkFiles(q, name => "https://example.vn/media/abc/so-do.png")).ToList();

        var xml = MoodleXmlFormat.Write(questions);
        var again = MoodleXmlFormat.Parse(xml);

        Assert.Contains("<questiontext format=\"html\">", xml);
        Assert.Empty(again.Problems);
        Assert.Equal(questions.Select(q => (q.Format, q.Text, q.Feedback)), again.Questions.Select(q => (q.Format, q.Text, q.Feedback)));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(questions.Select(q => q.Body)), System.Text.Json.JsonSerializer.Serialize(again.Questions.Select(q => q.Body)));
    }
}
