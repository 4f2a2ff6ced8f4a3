using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Tests.Quizzes.Questions;

public sealed class QuestionGraderTests
{
    private static readonly ChoiceBody Single = new([new("16 tuổi", 1, "Đúng."), new("18 tuổi", 0, "Chưa đúng.")], Multiple: false);

    private static readonly ChoiceBody Multiple = new([new("Xâm hại", 0.5m), new("Bạo lực", 0.5m), new("Khen ngợi", -1m)], Multiple: true);

    [Fact]
    public void Grade_SingleChoice_RightWrongOrTwoChosen()
    {
        Assert.Equal(new QuestionGrade(1, ["Đúng."]), Grade(Single, new ChoiceResponse(new HashSet<int> { 0 })), new GradeComparer());
        Assert.Equal(0, Grade(Single, new ChoiceResponse(new HashSet<int> { 1 })).Fraction);
        Assert.Equal(0, Grade(Single, new ChoiceResponse(new HashSet<int> { 0, 1 })).Fraction);
        Assert.Equal(0, Grade(Single, null).Fraction);
    }

    [Fact]
    public void Grade_MultipleChoice_AddsWeightsAndNeverGoesBelowZero()
    {
        Assert.Equal(1, Grade(Multiple, new ChoiceResponse(new HashSet<int> { 0, 1 })).Fraction);
        Assert.Equal(0.5m, Grade(Multiple, new ChoiceResponse(new HashSet<int> { 0 })).Fraction);
        Assert.Equal(0, Grade(Multiple, new ChoiceResponse(new HashSet<int> { 0, 2 })).Fraction);
        Assert.Equal(0, Grade(Multiple, new ChoiceResponse(new HashSet<int> { 0, 1, 2 })).Fraction);
    }

    [Fact]
    public void Grade_TrueFalse_GivesTheMatchingFeedback()
    {
        var body = new TrueFalseBody(true, "Tổng đài miễn phí.", "Đúng vậy.");

        Assert.Equal(["Đúng vậy."], Grade(body, new TrueFalseResponse(true)).Feedback);
        Assert.Equal(["Tổng đài miễn phí."], Grade(body, new TrueFalseResponse(false)).Feedback);
        Assert.Equal(0, Grade(body, new TrueFalseResponse(false)).Fraction);
    }

    [Fact]
    public void Grade_Matching_ShareOfRightPairs()
    {
        var body = new MatchingBody([new("111", "Tổng đài"), new("113", "Công an"), new("115", "Cấp cứu")]);

        Assert.Equal(1, Grade(body, new MatchingResponse(new Dictionary<int, int> { [0] = 0, [1] = 1, [2] = 2 })).Fraction);
        Assert.Equal(1m / 3, Grade(body, new MatchingResponse(new Dictionary<int, int> { [0] = 0, [1] = 2, [2] = 1 })).Fraction);
        Assert.Equal(0, Grade(body, new MatchingResponse(new Dictionary<int, int>())).Fraction);
    }

    [Fact]
    public void Grade_ShortAnswer_IgnoresCaseSpacingAndUnicodeForm()
    {
        var body = new ShortAnswerBody([new("tháng 6", 1), new("sáu", 0.5m)]);

        Assert.Equal(1, Grade(body, new TextResponse("  Tháng   6 ")).Fraction);
        Assert.Equal(1, Grade(body, new TextResponse("tha\u0301ng 6")).Fraction);
        Assert.Equal(0.5m, Grade(body, new TextResponse("SÁU")).Fraction);
        Assert.Equal(0, Grade(body, new TextResponse("thang 6")).Fraction);
        Assert.Equal(0, Grade(new ShortAnswerBody([new("Tỉnh", 1)], CaseSensitive: true), new TextResponse("tỉnh")).Fraction);
    }

    [Fact]
    public void Grade_Numerical_WithinToleranceAndVietnameseDecimalComma()
    {
        var body = new NumericalBody([new NumericAnswer(3.5m, 0.1m, 1), new NumericAnswer(3, 1, 0.5m, "Gần đúng.")]);

        Assert.Equal(1, Grade(body, new TextResponse("3,55")).Fraction);
        Assert.Equal(1, Grade(body, new TextResponse("3.4")).Fraction);
        Assert.Equal(new QuestionGrade(0.5m, ["Gần đúng."]), Grade(body, new TextResponse("2,2")), new GradeComparer());
        Assert.Equal(0, Grade(body, new TextResponse("4,5")).Fraction);
        Assert.Equal(0, Grade(body, new TextResponse("ba")).Fraction);
    }

    private static QuestionGrade Grade(QuestionBody body, QuestionResponse? response) => QuestionGrader.Grade(body, response);
}
