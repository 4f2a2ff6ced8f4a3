using ChildProtection.Training.Quizzes.Paper;
using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Tests.Quizzes;

/// <summary>Answers typed from a paper's answer sheet, read against the version as printed.</summary>
public sealed class PaperAnswersTests
{
    // Printed answers: 1) Công an, 2) Cứu hỏa, 3) Bảo vệ trẻ em, 4) Cấp cứu (stored 1, 3, 0, 2).
    private static readonly PrintedQuestion Matching = new(1, 7, new Question("Luật", "Ghép nối", "Ghép mỗi số với việc của nó.",
        new MatchingBody([new("111", "Bảo vệ trẻ em"), new("113", "Công an"), new("115", "Cấp cứu")], ["Cứu hỏa"])), [1, 3, 0, 2], []);

    private static readonly PrintedVersion Version = new(101, DateTime.UnixEpoch, [Matching]);

    [Theory]
    [InlineData("a-3 b-1 c-4")]
    [InlineData("b-1 c-4 a-3")]
    [InlineData("a3b1c4")]
    [InlineData("A) 3  B) 1  C) 4")]
    [InlineData("3/1/4")]
    [InlineData("3 1 4")]
    [InlineData("314")]
    public void AMatchingTypedAsTheKeyPrintsIt_OrItsNumbersInOrder_ScoresFull(string typed)
    {
        var answers = PaperAnswers.Read(Version, 2, typed, "", []);

        var response = Assert.IsType<MatchingResponse>(answers!.Responses[7]);
        Assert.Equal(new Dictionary<int, int> { [0] = 0, [1] = 1, [2] = 2 }, response.Matches);
        Assert.Equal(1, QuestionGrader.Grade(Matching.Question.Body, response).Fraction);
    }

    [Fact]
    public void APromptLeftBlank_HasNoMatch_AndTheOthersCount()
    {
        var response = (MatchingResponse)PaperAnswers.Read(Version, 2, "a-3 b- c-2", "", [])!.Responses[7];

        Assert.Equal(new Dictionary<int, int> { [0] = 0, [2] = 3 }, response.Matches);
        Assert.Equal(1m / 3, QuestionGrader.Grade(Matching.Question.Body, response).Fraction);
    }

    [Theory]
    [InlineData("a-3 a-1 c-4")]
    [InlineData("a-3 b-1 d-4")]
    [InlineData("a-5 b-1 c-4")]
    [InlineData("3/1")]
    [InlineData("31")]
    [InlineData("a-3 b-1 c-4 x")]
    public void AMatchingNamingAPromptTwice_OneThePaperLacks_OrANumberItDoesNotPrint_IsRefusedForItsRow(string typed)
    {
        var errors = new List<PaperRowError>();

        Assert.Null(PaperAnswers.Read(Version, 5, typed, "", errors));

        Assert.Equal((5, PaperRowProblem.BadAnswer, $"1: {typed}"), (errors.Single().Row, errors.Single().Problem, errors.Single().Detail));
    }
}
