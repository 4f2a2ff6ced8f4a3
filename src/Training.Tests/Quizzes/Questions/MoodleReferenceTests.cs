using ChildProtection.Training.Quizzes.Attempts;
using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Tests.Quizzes.Questions;

/// <summary>
/// Questions as Moodle's own importers read them (question/format/gift and question/format/xml, with their tests in
/// Moodle's repository): the cases a teacher moving a bank from Moodle meets, read the same from GIFT and from XML.
/// </summary>
public sealed class MoodleReferenceTests
{
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    [Fact]
    public void Numerical_ToleranceAndCatchAll_AsMoodlesTestImportNumerical()
    {
        var body = Body<NumericalBody>(Gift("::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}"));

        Assert.Equal([new NumericAnswer(3, 2, 1), new NumericAnswer(null, 0, 0, "Completely wrong")], body.Answers);
        Assert.Equal(new QuestionGrade(1, []), QuestionGrader.Grade(body, new TextResponse("4,5")), new GradeComparer());
        Assert.Equal(new QuestionGrade(0, ["Completely wrong"]), QuestionGrader.Grade(body, new TextResponse("9")), new GradeComparer());
    }

    [Fact]
    public void Numerical_RangesAndSeveralAnswersWithTheirMarksAndFeedback()
    {
        Assert.Equal([new NumericAnswer(3, 2, 1)], Body<NumericalBody>(Gift("Một số từ 1 đến 5? {#1..5}")).Answers);

        var body = Body<NumericalBody>(Gift("Năm ban hành Luật Trẻ em? {#\n=2016:0#Đúng.\n=%50%2016:2#Gần đúng.\n~#Chưa đúng.\n}"));
        Assert.Equal([new NumericAnswer(2016, 0, 1, "Đúng."), new NumericAnswer(2016, 2, 0.5m, "Gần đúng."), new NumericAnswer(null, 0, 0, "Chưa đúng.")], body.Answers);
        Assert.Equal(0.5m, QuestionGrader.Grade(body, new TextResponse("2017")).Fraction);
        Assert.Equal(["Chưa đúng."], QuestionGrader.Grade(body, new TextResponse("1990")).Feedback);

        // "=*" is Moodle's catch-all written as an answer, with a weight of its own.
        Assert.Equal(new NumericAnswer(null, 0, 0, "Sai."), Body<NumericalBody>(Gift("Số? {#=3 =%0%*#Sai.}")).Answers[1]);
    }

    [Fact]
    public void Numerical_CatchAllInXml_IsKeptNotRefused()
    {
        var body = Body<NumericalBody>(MoodleXmlFormat.Parse(Xml("""
            <question type="numerical"><name><text>Q5</text></name>
              <questiontext format="html"><text>What is a number from 1 to 5?</text></questiontext>
              <answer fraction="100"><text>3</text><tolerance>2</tolerance><feedback><text></text></feedback></answer>
              <answer fraction="0"><text>*</text><tolerance>0</tolerance><feedback format="html"><text>Completely wrong</text></feedback></answer>
            </question>
            """)));

        Assert.Equal([new NumericAnswer(3, 2, 1), new NumericAnswer(null, 0, 0, "Completely wrong")], body.Answers);
    }

    [Fact]
    public void Matching_AnExtraAnswer_IsOfferedInEveryDropDownNotARow_InGiftAndXmlAlike()
    {
        var gift = Body<MatchingBody>(Gift("""
            ::Moodle activities::Match the activity to the description.{
                =An activity supporting asynchronous discussions. -> Forum
                =A teacher asks a question and specifies a choice of multiple responses. -> Choice
                =A bank of record entries which participants can add to. -> Database
                =A collection of web pages that anyone can add to or edit. -> Wiki
                = -> Chat
            }
            """));
        var xml = Body<MatchingBody>(MoodleXmlFormat.Parse(Xml("""
            <question type="matching"><name><text>Moodle activities</text></name>
              <questiontext format="plain_text"><text>Match the activity to the description.</text></questiontext>
              <subquestion format="plain_text"><text>An activity supporting asynchronous discussions.</text><answer><text>Forum</text></answer></subquestion>
              <subquestion format="plain_text"><text>A teacher asks a question and specifies a choice of multiple responses.</text><answer><text>Choice</text></answer></subquestion>
              <subquestion format="plain_text"><text>A bank of record entries which participants can add to.</text><answer><text>Database</text></answer></subquestion>
              <subquestion format="plain_text"><text>A collection of web pages that anyone can add to or edit.</text><answer><text>Wiki</text></answer></subquestion>
              <subquestion format="plain_text"><text></text><answer><text>Chat</text></answer></subquestion>
            </question>
            """)));

        Assert.Equal(4, gift.Pairs.Count);
        Assert.Equal(["Forum", "Choice", "Database", "Wiki", "Chat"], gift.Options);
        Assert.Equal(gift.Pairs, xml.Pairs);
        Assert.Equal(gift.Options, xml.Options);

        // Four right answers out of four earn the whole mark; the extra answer chosen for a prompt earns nothing for it.
        var allRight = new MatchingResponse(Enumerable.Range(0, 4).ToDictionary(i => i, i => i));
        Assert.Equal(1, QuestionGrader.Grade(gift, allRight).Fraction);
        Assert.Equal(0.75m, QuestionGrader.Grade(gift, new MatchingResponse(new Dictionary<int, int> { [0] = 0, [1] = 1, [2] = 2, [3] = 4 })).Fraction);

        // An attempt offers all five answers in each drop-down.
        var plan = AttemptPlanner.Plan(new Training.Quizzes.QuizDefinition([new("", 1)]), new Dictionary<long, Question> { [1] = new Question("", "q", "t", gift) }, 7);
        Assert.Equal(5, plan.Single().Order.Count);
    }

    [Fact]
    public void Matching_TooFewPromptsOrAnswers_IsRefusedAsMoodleDoes()
    {
        Assert.Equal(ImportProblemKind.TooFewPairs, Problem(Gift("Ghép. {=a -> 1 = -> 2}")).Kind);
        Assert.Empty(Gift("Ghép. {=a -> 1 =b -> 2 = -> 3}").Problems);
        Assert.Equal((ImportProblemKind.PromptWithoutAnswer, "Vế thiếu"), Detail(MoodleXmlFormat.Parse(Xml("""
            <question type="matching"><name><text>Ghép</text></name><questiontext><text>Ghép.</text></questiontext>
              <subquestion><text>a</text><answer><text>1</text></answer></subquestion>
              <subquestion><text>Vế thiếu</text><answer><text></text></answer></subquestion>
              <subquestion><text>c</text><answer><text>3</text></answer></subquestion>
            </question>
            """))));
    }

    [Theory]
    [InlineData("~%50%yellow # right; good!\n~%-100%red # wrong\n~%50%off-beige # right; good!\n~%-100%blue # wrong", new[] { 0.5, -1, 0.5, -1 })]
    [InlineData("~%100%yellow # right; good!\n~%-50%red # wrong\n~%-50%blue # wrong", new[] { 1, -0.5, -0.5 })]
    public void AnswersWithoutAnEqualsSign_AreMultipleResponse_AsMoodlesTestImportMultichoiceMulti(string answers, double[] fractions)
    {
        var body = Body<ChoiceBody>(Gift($"::colours:: What's between orange and green in the spectrum?\n{{\n{answers}\n}}"));

        Assert.True(body.Multiple);
        Assert.Equal(QuestionType.MultipleChoice, body.Type);
        Assert.Equal(fractions.Select(f => (decimal)f), body.Choices.Select(c => c.Fraction));
    }

    [Theory]
    [InlineData("Câu? {=A ~%33%B ~C}", ImportProblemKind.GradeNotAllowed, "33%")]
    [InlineData("Câu? {~%100%A ~%100%B ~C}", ImportProblemKind.GradesDoNotAddUp, "200%")]
    [InlineData("Câu? {~%30%A ~%30%B ~C}", ImportProblemKind.GradesDoNotAddUp, "60%")]
    [InlineData("Câu? {=%50%mèo =%0%chó}", ImportProblemKind.NoFullMarks, "50%")]
    [InlineData("Số? {#=%50%3:1}", ImportProblemKind.NoFullMarks, "50%")]
    [InlineData("Câu? {~A ~B}", ImportProblemKind.NoCorrectAnswer, null)]
    public void Grades_ThatMakeFullMarksImpossibleOrTrivial_AreRefusedPerQuestion(string gift, ImportProblemKind kind, string? detail)
    {
        var import = GiftFormat.Parse($"{gift}\n\nCâu đúng? {{=Có ~Không}}");

        Assert.Equal((kind, detail), Detail(import));
        Assert.Single(import.Questions);
    }

    [Fact]
    public void Grades_MoodlesOwnFractions_AreAccepted()
    {
        Assert.Empty(Gift("Câu? {~%33.33333%A ~%33.33333%B ~%33.33333%C ~%-100%D}").Problems);
        Assert.Empty(Gift("Câu? {~%83.33333%A ~%16.66667%B ~C}").Problems);
    }

    [Fact]
    public void Grades_ASingleChoiceWhoseBestIsHalf_IsRefusedInXml()
    {
        Assert.Equal((ImportProblemKind.NoFullMarks, "50%"), Detail(MoodleXmlFormat.Parse(Xml("""
            <question type="multichoice"><name><text>Nửa</text></name><questiontext><text>Câu?</text></questiontext>
              <single>true</single>
              <answer fraction="50"><text>A</text></answer><answer fraction="0"><text>B</text></answer>
            </question>
            """))));
    }

    [Fact]
    public void LegacyImage_IsKeptAsAPictureAfterTheText()
    {
        var import = MoodleXmlFormat.Parse(Xml($"""
            <question type="truefalse"><name><text>Ảnh cũ</text></name>
              <questiontext format="plain_text"><text>Biển này cấm trẻ em vào?</text></questiontext>
              <image>images/bien bao.png</image>
              <image_base64>{Png}</image_base64>
              <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
            </question>
            """));

        var question = Assert.Single(import.Questions);
        Assert.Equal(TextFormat.Html, question.Format);
        Assert.Equal("Biển này cấm trẻ em vào? <img src=\"@@PLUGINFILE@@/bien%20bao.png\" alt=\"\">", question.Text);
        var file = Assert.Single(import.Files);
        Assert.Equal("bien bao.png", file.Name);
        Assert.Equal(Convert.FromBase64String(Png), file.Content);
    }

    [Fact]
    public void LegacyImage_WithoutItsData_IsReportedNotDropped()
    {
        Assert.Equal((ImportProblemKind.MissingFile, "hinh.png"), Detail(MoodleXmlFormat.Parse(Xml("""
            <question type="truefalse"><name><text>Ảnh</text></name><questiontext><text>Đúng?</text></questiontext>
              <image>hinh.png</image>
              <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
            </question>
            """))));
    }

    [Fact]
    public void ShortAnswer_Star_MatchesAnyOtherAnswer_AsMoodlesTestImportShortanswer()
    {
        var body = Body<ShortAnswerBody>(Gift("::Shortanswer::Which is the best animal?{\n    =Frog#Good!\n    =%50%Cat#What is it with Moodlers and cats?\n    =%0%*#Completely wrong\n}"));

        Assert.Equal(["Frog", "Cat", "*"], body.Answers.Select(a => a.Text));
        Assert.Equal(new QuestionGrade(1, ["Good!"]), QuestionGrader.Grade(body, new TextResponse("frog")), new GradeComparer());
        Assert.Equal(0.5m, QuestionGrader.Grade(body, new TextResponse("Cat")).Fraction);
        Assert.Equal(new QuestionGrade(0, ["Completely wrong"]), QuestionGrader.Grade(body, new TextResponse("Dog")), new GradeComparer());
        Assert.Empty(QuestionGrader.Grade(body, new TextResponse(" ")).Feedback);
    }

    [Fact]
    public void ShortAnswer_StarInsideAnAnswer_IsAWildcard_AndAnEscapedStarIsAStar()
    {
        var body = new ShortAnswerBody([new("Luật * em", 1), new(@"5\*", 1)]);

        Assert.Equal(1, QuestionGrader.Grade(body, new TextResponse("Luật Trẻ em")).Fraction);
        Assert.Equal(1, QuestionGrader.Grade(body, new TextResponse("5*")).Fraction);
        Assert.Equal(0, QuestionGrader.Grade(body, new TextResponse("55")).Fraction);
    }

    [Fact]
    public void Settings_IdNumberTagsHintsMarkPenaltyAndShuffle_AreKeptFromXmlAndWrittenBack()
    {
        var import = MoodleXmlFormat.Parse(Xml("""
            <question type="multichoice"><name><text>Cài đặt</text></name>
              <questiontext format="html"><text><![CDATA[<p>Trẻ em là người dưới bao nhiêu tuổi?</p>]]></text></questiontext>
              <generalfeedback format="html"><text><![CDATA[<p>Điều 1 Luật Trẻ em.</p>]]></text></generalfeedback>
              <defaultgrade>2.0000000</defaultgrade><penalty>0.1000000</penalty><hidden>0</hidden><idnumber>LTE-01</idnumber>
              <single>true</single><shuffleanswers>0</shuffleanswers>
              <answer fraction="100" format="html"><text>16</text></answer><answer fraction="0" format="html"><text>18</text></answer>
              <hint format="html"><text><![CDATA[<p>Xem Điều 1.</p>]]></text><shownumcorrect/></hint>
              <tags><tag><text>luat-tre-em</text></tag><tag><text>lớp 9</text></tag></tags>
            </question>
            """));

        var question = Assert.Single(import.Questions);
        var expected = new QuestionSettings(2, 0.1m, false, "LTE-01", ["luat-tre-em", "lớp 9"], [new QuestionHint("<p>Xem Điều 1.</p>", ShowNumCorrect: true)]);
        Assert.Equal(Canonical(expected), Canonical(question.Settings));
        Assert.Equal("<p>Điều 1 Luật Trẻ em.</p>", question.Feedback);
        Assert.Equal(Canonical(expected), Canonical(Assert.Single(MoodleXmlFormat.Parse(MoodleXmlFormat.Write(import.Questions)).Questions).Settings));
    }

    [Fact]
    public void Settings_IdNumberAndTags_InAGiftComment_AsMoodleWritesThem()
    {
        var question = Assert.Single(Gift("// question: 12  name: Tuổi\n// [id:LTE-01] [tag:luat-tre-em] [tag:lop \\] 9]\n::Tuổi::Trẻ em là người dưới bao nhiêu tuổi? {=16 ~18}").Questions);

        Assert.Equal("LTE-01", question.Settings.IdNumber);
        Assert.Equal(["luat-tre-em", "lop ] 9"], question.Settings.Tags);
        var again = Assert.Single(Gift(GiftFormat.Write([question])).Questions);
        Assert.Equal(Canonical(question.Settings), Canonical(again.Settings));
    }

    [Fact]
    public void Settings_TheDefaultMarkWeighsTheQuestion_AndShuffleOffKeepsTheOrder()
    {
        var heavy = new Question("c", "nặng", "?", new ChoiceBody([new("a", 1), new("b", 0), new("c", 0), new("d", 0)], false), Settings: new QuestionSettings(DefaultMark: 3, ShuffleAnswers: false));
        var light = new Question("c", "nhẹ", "?", new TrueFalseBody(true));
        var bank = new Dictionary<long, Question> { [1] = heavy, [2] = light };
        var quiz = new Training.Quizzes.QuizDefinition([new("c", 2)], PassMark: 0.5m);

        foreach (var seed in Enumerable.Range(0, 20))
        {
            Assert.Equal([0, 1, 2, 3], AttemptPlanner.Plan(quiz, bank, seed).Single(p => p.QuestionId == 1).Order);
        }

        var plan = AttemptPlanner.Plan(quiz, bank, 1);
        var score = AttemptScore.Of(quiz, plan, bank, new Dictionary<long, QuestionResponse> { [2] = new TrueFalseResponse(true) });
        Assert.Equal((1m, 0.25m, false), (score.Marks, score.Share, score.Passed));
        score = AttemptScore.Of(quiz, plan, bank, new Dictionary<long, QuestionResponse> { [1] = new ChoiceResponse([0]) });
        Assert.Equal((3m, 0.75m, true), (score.Marks, score.Share, score.Passed));
    }

    [Fact]
    public void Description_TextWithoutAnswers_InGiftAndXmlAlike_AndWrittenBack()
    {
        var gift = Assert.Single(Gift("::Giới thiệu::[html]<p>Đọc đoạn sau rồi trả lời.</p>").Questions);
        var xml = Assert.Single(MoodleXmlFormat.Parse(Xml("""
            <question type="description"><name><text>Giới thiệu</text></name>
              <questiontext format="html"><text><![CDATA[<p>Đọc đoạn sau rồi trả lời.</p>]]></text></questiontext>
              <defaultgrade>0</defaultgrade>
            </question>
            """)).Questions);

        Assert.Equal((QuestionType.Description, "Giới thiệu", "<p>Đọc đoạn sau rồi trả lời.</p>", TextFormat.Html), (gift.Type, gift.Name, gift.Text, gift.Format));
        Assert.Equal((gift.Type, gift.Text, gift.Format), (xml.Type, xml.Text, xml.Format));
        Assert.Equal(QuestionType.Description, Assert.Single(Gift(GiftFormat.Write([gift])).Questions).Type);
        Assert.Equal(QuestionType.Description, Assert.Single(MoodleXmlFormat.Parse(MoodleXmlFormat.Write([xml])).Questions).Type);
    }

    private static QuestionImport Gift(string text) => GiftFormat.Parse(text);

    private static T Body<T>(QuestionImport import)
        where T : QuestionBody
    {
        Assert.Empty(import.Problems);
        return Assert.IsType<T>(Assert.Single(import.Questions).Body);
    }

    private static ImportProblem Problem(QuestionImport import) => Assert.Single(import.Problems);

    private static (ImportProblemKind, string?) Detail(QuestionImport import) => Problem(import) is var p ? (p.Kind, p.Detail) : default;

    private static string Xml(string questions) => $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n{questions}\n</quiz>";

    private static string Canonical(QuestionSettings settings) => System.Text.Json.JsonSerializer.Serialize(settings);
}
