using ChildProtection.Training.Quizzes.Questions;
using static ChildProtection.Training.Tests.Quizzes.Questions.WordFiles;

namespace ChildProtection.Training.Tests.Quizzes.Questions;

/// <summary>Word files written the way Vietnamese teachers write them, as Azota and McMIX read them.</summary>
public sealed class WordFormatTests
{
    /// <summary>
    /// A teacher's file: two parts; letters all in bold with the right one underlined; choices on one line with the right
    /// one in red; a question with a table and a picture answered in the table at the end; a numerical and a short answer;
    /// an essay; a question whose answer nobody marked; "Đáp án: B" after the choices; and the answer table.
    /// </summary>
    private static readonly byte[] TeachersFile = Create(main =>
    [
        P(R("ĐỀ ÔN TẬP LUẬT TRẺ EM", Bold)),
        P(R("Phần I. Trắc nghiệm", Bold)),
        P(R("Câu 1. ", Bold), R("Theo Luật Trẻ em năm 2016, trẻ em là người dưới bao nhiêu tuổi?")),
        P(R("A.", Bold), R(" 14 tuổi")),
        P(R("B.", Bold), R(" 15 tuổi")),
        P(R("C.", Bold, Underlined), R(" 16 tuổi")),
        P(R("D.", Bold), R(" 18 tuổi")),
        P(R("Lời giải: "), R("Điều 1 Luật Trẻ em: trẻ em là người dưới "), R("16", Bold), R(" tuổi.")),
        P(R("Câu 2: Tổng đài quốc gia bảo vệ trẻ em là số nào?")),
        P(R("A. 111", Red), Tab, R("B. 113"), Tab, R("C. 114"), Tab, R("D. 115")),
        P(R("Câu 3. Quan sát bảng và hình dưới đây:")),
        Table(["Thời gian", "Hoạt động"], ["1/6", "Phát động Tháng hành động vì trẻ em"]),
        P(Picture(main, Png)),
        P(R("Hoạt động nào diễn ra vào ngày 1/6?")),
        P(R("A. Khai giảng năm học")),
        P(R("B. Phát động Tháng hành động vì trẻ em")),
        P(R("Phần II. Trả lời ngắn", Bold)),
        P(R("Câu 4. Tháng hành động vì trẻ em là tháng mấy?")),
        P(R("Đáp án: 6")),
        P(R("Câu 5. Tổng đài 111 do bộ nào quản lý?")),
        P(R("Đáp án: Bộ Y tế")),
        P(R("Câu 6. Em hãy viết cảm nghĩ về quyền được bảo vệ của trẻ em (không quá 300 chữ).")),
        P(R("Hướng dẫn chấm: "), R("Nêu được quyền được bảo vệ: 2 điểm.")),
        P(R("Câu 7. Câu chưa đánh dấu đáp án?")),
        P(R("A. Có")),
        P(R("B. Không")),
        P(R("Câu 8. Số gọi cấp cứu là?")),
        P(R("A. 113")),
        P(R("B. 115")),
        P(R("Đáp án: B")),
        P(R("ĐÁP ÁN", Bold)),
        Table(["Câu", "3"], ["Đáp án", "b"]),
    ]);

    private static readonly QuestionImport Import = WordFormat.Parse(new MemoryStream(TeachersFile));

    [Fact]
    public void Parts_BecomeCategories_AndEachQuestionItsType()
    {
        Assert.Equal(
            [("Phần I. Trắc nghiệm", QuestionType.SingleChoice), ("Phần I. Trắc nghiệm", QuestionType.SingleChoice), ("Phần I. Trắc nghiệm", QuestionType.SingleChoice),
             ("Phần II. Trả lời ngắn", QuestionType.Numerical), ("Phần II. Trả lời ngắn", QuestionType.ShortAnswer), ("Phần II. Trả lời ngắn", QuestionType.Essay),
             ("Phần II. Trả lời ngắn", QuestionType.SingleChoice)],
            Import.Questions.Select(q => (q.Category, q.Type)));
        Assert.All(Import.Questions, q => Assert.Equal(TextFormat.Html, q.Format));
    }

    [Fact]
    public void RightChoices_ByUnderlineRedTheirOwnLineOrTheAnswerTable_AndTheMarksDoNotShowInTheChoices()
    {
        var right = Import.Questions.Where(q => q.Body is ChoiceBody).Select(q => ((ChoiceBody)q.Body).Choices.Single(c => c.IsCorrect).Text);

        Assert.Equal(["16 tuổi", "111", "Phát động Tháng hành động vì trẻ em", "115"], right);
        Assert.Equal(["14 tuổi", "15 tuổi", "16 tuổi", "18 tuổi"], ((ChoiceBody)Import.Questions[0].Body).Choices.Select(c => c.Text));
        Assert.Equal(["111", "113", "114", "115"], ((ChoiceBody)Import.Questions[1].Body).Choices.Select(c => c.Text));
    }

    [Fact]
    public void Wording_KeepsItsTableAndPicture_TheExplanationIsFeedback()
    {
        var first = Import.Questions[0];
        Assert.Equal("<p>Theo Luật Trẻ em năm 2016, trẻ em là người dưới bao nhiêu tuổi?</p>", first.Text);
        Assert.Equal("<p>Điều 1 Luật Trẻ em: trẻ em là người dưới <strong>16</strong> tuổi.</p>", first.Feedback);

        var third = Import.Questions[2];
        Assert.Contains("<table><tbody><tr><td>Thời gian</td><td>Hoạt động</td></tr>", third.Text);
        Assert.Contains("<img src=\"@@PLUGINFILE@@/hinh-1.png\" alt=\"\">", third.Text);
        var picture = Assert.Single(Import.Files);
        Assert.Equal((2, "hinh-1.png"), (picture.Question, picture.Name));
        Assert.Equal(Png, picture.Content);
    }

    [Fact]
    public void TypedAnswers_AreNumericalOrShortAnswers()
    {
        Assert.Equal(new NumericAnswer(6, 0, 1), Assert.IsType<NumericalBody>(Import.Questions[3].Body).Answers.Single());
        Assert.Equal("Bộ Y tế", Assert.IsType<ShortAnswerBody>(Import.Questions[4].Body).Answers.Single().Text);
    }

    [Fact]
    public void AQuestionWithNeitherChoicesNorAnswer_IsAnEssay_WithItsWordLimitAndMarkingGuide()
    {
        var essay = Import.Questions.Single(q => q.Type == QuestionType.Essay);

        Assert.Equal(new EssayBody(MaxWords: 300, MarkingGuide: "<p>Nêu được quyền được bảo vệ: 2 điểm.</p>"), essay.Body);
        Assert.Null(essay.Feedback);
    }

    [Fact]
    public void AnUnmarkedQuestion_IsReportedWithItsParagraph()
    {
        var problem = Assert.Single(Import.Problems);
        Assert.Equal((ImportProblemKind.UnmarkedAnswer, 24), (problem.Kind, problem.Line));
        Assert.Equal("Câu chưa đánh dấu đáp án?", problem.Name);
    }

    [Fact]
    public void SeveralUnderlined_IsMultipleResponse_WithMoodlesShares()
    {
        var file = Create(_ =>
        [
            P(R("Câu 1. Những hành vi nào bị nghiêm cấm?")),
            P(R("A. Bạo lực trẻ em", Underlined)),
            P(R("B. Khen ngợi trẻ")),
            P(R("C. Xâm hại trẻ em", Underlined)),
            P(R("D. Bóc lột trẻ em", Underlined)),
            P(R("E. Lắng nghe trẻ")),
        ]);

        var body = Assert.IsType<ChoiceBody>(Assert.Single(WordFormat.Parse(new MemoryStream(file)).Questions).Body);

        Assert.True(body.Multiple);
        Assert.Equal([0.3333333m, -0.5m, 0.3333333m, 0.3333333m, -0.5m], body.Choices.Select(c => c.Fraction));
    }

    [Fact]
    public void TheTemplate_ImportsWithoutAProblem()
    {
        using var template = new MemoryStream();
        WordTemplate.Write(template);
        template.Position = 0;

        var import = WordFormat.Parse(template);

        Assert.Empty(import.Problems);
        Assert.Equal(4, import.Questions.Count);
        Assert.Equal(["16 tuổi", "111", "Lễ phát động Tháng hành động vì trẻ em"], import.Questions.Take(3).Select(q => ((ChoiceBody)q.Body).Choices.Single(c => c.IsCorrect).Text));
        Assert.Equal(6, ((NumericalBody)import.Questions[3].Body).Answers.Single().Value);
    }

    [Fact]
    public void NotAWordFile_TextOrAnotherZip_IsOneClearProblem()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(archive.CreateEntry("cau-hoi.txt").Open());
            entry.Write("Câu 1. không phải tệp Word");
        }

        foreach (var file in new[] { "Câu 1. không phải tệp Word"u8.ToArray(), zip.ToArray() })
        {
            var import = WordFormat.Parse(new MemoryStream(file));

            Assert.Empty(import.Questions);
            Assert.Equal(ImportProblemKind.BadWordFile, Assert.Single(import.Problems).Kind);
        }
    }
}
