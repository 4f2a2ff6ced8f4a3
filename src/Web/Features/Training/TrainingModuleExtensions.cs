using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Persistence;
using ChildProtection.Training.DependencyInjection;

namespace ChildProtection.Web.Features.Training;

public static class TrainingModuleExtensions
{
    /// <summary>The training and contest module on the content engine's database (SQLite or PostgreSQL alike).</summary>
    public static WebApplicationBuilder AddTrainingModule(this WebApplicationBuilder builder)
    {
        // The starting question banks and units live beside the starting content.
        builder.Services.AddOptions<TrainingOptions>().PostConfigure<CmsPaths>((options, paths) =>
        {
            if (paths.SeedPath is { } seed)
            {
                options.QuestionBankSeedPath = options.QuestionBankSeedPath.Length > 0 ? options.QuestionBankSeedPath : Path.Combine(seed, "question-banks");
                options.UnitSeedPath = options.UnitSeedPath.Length > 0 ? options.UnitSeedPath : Path.Combine(seed, "units.csv");
            }
        });
        builder.Services.AddOptions<Backoffice.Reports.TrainingReportOptions>().BindConfiguration(Backoffice.Reports.TrainingReportOptions.Section)
            .Validate(
                o => o.YearlyDeadlines.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).All(d => Backoffice.Reports.TrainingReportOptions.On(d, 2000) != default),
                "TrainingReports:YearlyDeadlines: each deadline is a month and a day, MM-dd (such as 11-15), separated by commas.")
            .ValidateOnStart();
        builder.AddTraining(
            sp => sp.GetRequiredService<DatabaseConnection>().Provider == DatabaseProvider.PostgreSql ? TrainingDatabase.PostgreSql : TrainingDatabase.Sqlite,
            (sp, options) => sp.GetRequiredService<DatabaseConnection>().Configure(options));
        builder.Services.AddSingleton<QuestionTextRenderer>();
        return builder;
    }
}
