using System.Text.Json;
using ChildProtection.Training.Quizzes.Questions;

namespace ChildProtection.Training.Quizzes;

/// <summary>Questions to stored rows and back: the body is kept as JSON with its type discriminator.</summary>
internal static class QuestionRows
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static BankQuestion ToRow(Question question, DateTime createdUtc) => new()
    {
        Category = question.Category,
        Name = question.Name,
        Text = question.Text,
        BodyJson = JsonSerializer.Serialize(question.Body, Json),
        Feedback = question.Feedback,
        TextFormat = question.Format,
        SettingsJson = SettingsJson(question.Settings),
        CreatedUtc = createdUtc,
    };

    public static Question ToQuestion(BankQuestion row) =>
        new(row.Category, row.Name, row.Text, JsonSerializer.Deserialize<QuestionBody>(row.BodyJson, Json)!, row.Feedback, row.TextFormat,
            row.SettingsJson is null ? null : JsonSerializer.Deserialize<QuestionSettings>(row.SettingsJson, Json));

    /// <summary>Whether the row already holds exactly this question (records compare their lists by reference, so compare the stored form).</summary>
    public static bool Holds(BankQuestion row, Question question) =>
        (row.Category, row.Name, row.Text, row.Feedback, row.TextFormat) == (question.Category, question.Name, question.Text, question.Feedback, question.Format)
        && row.BodyJson == JsonSerializer.Serialize(question.Body, Json)
        && row.SettingsJson == SettingsJson(question.Settings);

    /// <summary>The questions an attempt may draw: all but descriptions, which are never asked.</summary>
    public static IQueryable<BankQuestion> Drawable(this IQueryable<BankQuestion> questions) =>
        questions.Where(q => !q.BodyJson.StartsWith(DescriptionBody.JsonStart));

    public static bool IsDescription(BankQuestion row) => row.BodyJson.StartsWith(DescriptionBody.JsonStart, StringComparison.Ordinal);

    private static string? SettingsJson(QuestionSettings settings) => settings.IsDefault ? null : JsonSerializer.Serialize(settings, Json);
}
