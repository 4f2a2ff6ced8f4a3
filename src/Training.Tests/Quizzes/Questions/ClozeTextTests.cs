using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Tests.Quizzes.Questions;

/// <summary>Embedded answers read as Moodle's qtype_multianswer reads them (its test_question_maker's "twosubq" question among them).</summary>
public sealed class ClozeTextTests
{
    // Moodle's own example (question/type/multianswer/tests/helper.php, get_multianswer_question_data_twosubq).
    private const string MoodleTwoGaps =
        "Complete this opening line of verse: \"The {1:SHORTANSWER:Dog#Wrong, silly!~=Owl#Well done!~*#Wrong answer} "
        + "and the {1:MULTICHOICE:Bow-wow#You seem to have a dog obsessions!~Wiggly worm#Now you are just being ridiculous!~=Pussy-cat#Well done!} went to sea\".";

    [Fact]
    public void MoodlesTwoGapQuestion_ReadsAsAShortAnswerAndADropDown_WithPlaceholdersInTheText()
    {
        var (text, gaps, error) = ClozeText.Parse(MoodleTwoGaps);

        Assert.Null(error);
        Assert.Equal("Complete this opening line of verse: \"The {#1} and the {#2} went to sea\".", text);
        var noun = Assert.IsType<ShortAnswerBody>(gaps[0].Body);
        Assert.Equal([("Dog", 0m, "Wrong, silly!"), ("Owl", 1m, "Well done!"), ("*", 0m, "Wrong answer")], noun.Answers.Select(a => (a.Text, a.Fraction, a.Feedback)));
        var animal = Assert.IsType<ChoiceBody>(gaps[1].Body);
        Assert.False(animal.Multiple);
        Assert.Equal((1, ClozeLayout.DropDown), (gaps[1].Weight, gaps[1].Layout));
        Assert.Equal("Pussy-cat", animal.Choices.Single(c => c.IsCorrect).Text);
    }

    [Fact]
    public void WeightsNumbersShortFormsAndEscapes_AreReadAsMoodleDoes()
    {
        var (text, gaps, error) = ClozeText.Parse(
            "Trẻ em là người dưới {2:NM:=16:0#Đúng~%50%15:1} tuổi; gọi {:MCH:111~=113} khi có tội phạm; ký hiệu {1:SA:=a\\}b\\~c} và {1:MRH:=A~=B~C}; {SAC:=Hà Nội}.");

        Assert.Null(error);
        Assert.Equal("Trẻ em là người dưới {#1} tuổi; gọi {#2} khi có tội phạm; ký hiệu {#3} và {#4}; {SAC:=Hà Nội}.", text);
        Assert.Equal(2, gaps[0].Weight);
        Assert.Equal([new NumericAnswer(16, 0, 1, "Đúng"), new NumericAnswer(15, 1, 0.5m)], ((NumericalBody)gaps[0].Body).Answers);
        Assert.Equal((1, ClozeLayout.Horizontal), (gaps[1].Weight, gaps[1].Layout));
        Assert.Equal("a}b~c", ((ShortAnswerBody)gaps[2].Body).Answers.Single().Text);
        Assert.True(((ChoiceBody)gaps[3].Body).Multiple);
    }

    [Fact]
    public void AGapMoodleWouldNotRead_IsTheError()
    {
        Assert.Equal("{1:NUMERICAL:=mười sáu}", ClozeText.Parse("Trẻ em dưới {1:NUMERICAL:=mười sáu} tuổi.").Error);
        Assert.Equal("{1:MULTICHOICE:=~B}", ClozeText.Parse("Chọn {1:MULTICHOICE:=~B}.").Error);
    }

    [Fact]
    public void WritingTheGapsBack_ReadsAsTheSameQuestion()
    {
        var (text, gaps, _) = ClozeText.Parse(MoodleTwoGaps + " {2:NUMERICAL:=16:0.5~%50%*#Gần đúng} {1:MULTIRESPONSE_HS:=A~%-50%B} {1:SHORTANSWER_C:=a\\#b}");

        var again = ClozeText.Parse(ClozeText.Write(text, gaps));

        Assert.Equal(text, again.Text);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize<QuestionBody>(new ClozeBody(gaps)), System.Text.Json.JsonSerializer.Serialize<QuestionBody>(new ClozeBody(again.Gaps)));
    }

    [Fact]
    public void Grading_EachGapByItsWeight_WithItsFeedback()
    {
        var (_, gaps, _) = ClozeText.Parse("{1:SHORTANSWER:=Owl#Well done!~*#Wrong answer} {2:MULTICHOICE:Bow-wow~=Pussy-cat} {1:NUMERICAL:=16:0}");
        var cloze = new ClozeBody(gaps);

        var grade = QuestionGrader.Grade(cloze, new ClozeResponse(new Dictionary<int, QuestionResponse>
        {
            [1] = new TextResponse("owl"), [2] = new ChoiceResponse([0]), [3] = new TextResponse("16,0"),
        }));

        Assert.Equal(0.5m, grade.Fraction);
        Assert.Equal(["Well done!"], grade.Feedback);
        Assert.Equal(1, QuestionGrader.Grade(cloze, new ClozeResponse(new Dictionary<int, QuestionResponse> { [1] = new TextResponse("Owl"), [2] = new ChoiceResponse([1]), [3] = new TextResponse("16") })).Fraction);
        Assert.Equal(0, QuestionGrader.Grade(cloze, null).Fraction);
    }

    [Fact]
    public void MoodleXml_ClozeQuestion_ReadWithItsGaps_RefusedWithoutFullMarks_AndWrittenBack()
    {
        var import = MoodleXmlFormat.Parse($"""
            <quiz>
              <question type="cloze"><name><text>Bài thơ</text></name>
                <questiontext format="html"><text><![CDATA[<p>{MoodleTwoGaps}</p>]]></text></questiontext>
                <generalfeedback format="html"><text></text></generalfeedback><penalty>0.3333333</penalty><hidden>0</hidden><idnumber></idnumber></question>
              <question type="cloze"><name><text>Không có đáp án đúng</text></name><questiontext><text>Số {"{"}1:SHORTANSWER:%50%111{"}"}</text></questiontext></question>
              <question type="cloze"><name><text>Không có ô trống</text></name><questiontext><text>Không có gì để điền.</text></questiontext></question>
            </quiz>
            """);

        var poem = Assert.Single(import.Questions);
        Assert.Equal(QuestionType.Cloze, poem.Type);
        Assert.Equal(2, ((ClozeBody)poem.Body).Gaps.Count);
        Assert.Equal([(ImportProblemKind.NoFullMarks, "Không có đáp án đúng"), (ImportProblemKind.BadCloze, "Không có ô trống")], import.Problems.Select(p => (p.Kind, p.Name!)));
        var written = MoodleXmlFormat.Write(import.Questions);
        Assert.Contains("{1:SHORTANSWER:Dog#Wrong, silly!~=Owl#Well done!~*#Wrong answer}", written);
        Assert.Contains("type=\"cloze\"", written);
        Assert.Contains("cannot be written in GIFT", GiftFormat.Write(import.Questions));
    }
}
