using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes.Questions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace ChildProtection.Training.Quizzes;

/// <summary>
/// Imports the starting question banks: each GIFT file once, as a bank named after the file. A file with a
/// broken question is reported question by question and left out whole, so no bank starts half-filled.
/// </summary>
internal sealed class QuestionBankSeeder(TrainingDbContext db, QuizService quizzes, ILogger<QuestionBankSeeder> logger)
{
    public async Task ImportAsync(string folder, CancellationToken ct)
    {
        if (!Directory.Exists(folder))
        {
            logger.LogWarning("Question bank folder {Folder} does not exist; no banks imported.", folder);
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.gift").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (await db.QuestionBanks.AnyAsync(b => b.Name == name, ct))
            {
                continue;
            }

            var import = GiftFormat.Parse(await File.ReadAllTextAsync(file, ct));
            if (import.Problems.Count > 0)
            {
                foreach (var problem in import.Problems)
                {
                    logger.LogWarning("Question bank {File}: question {Number} (line {Line}, {Name}) was not imported: {Kind} {Detail}", Path.GetFileName(file), problem.Number, problem.Line, problem.Name, problem.Kind, problem.Detail);
                }

                continue;
            }

            await quizzes.SaveBankAsync(name, import.Questions, ct);
            logger.LogInformation("Question bank {Name}: {Count} questions imported.", name, import.Questions.Count);
        }
    }
}
