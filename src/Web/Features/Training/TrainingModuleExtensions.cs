using ChildProtection.Cms.Persistence;
using ChildProtection.Training.DependencyInjection;

namespace ChildProtection.Web.Features.Training;

public static class TrainingModuleExtensions
{
    /// <summary>The training and contest module on the content engine's database (SQLite or PostgreSQL alike).</summary>
    public static WebApplicationBuilder AddTrainingModule(this WebApplicationBuilder builder)
    {
        builder.AddTraining(
            sp => sp.GetRequiredService<DatabaseConnection>().Provider == DatabaseProvider.PostgreSql ? TrainingDatabase.PostgreSql : TrainingDatabase.Sqlite,
            (sp, options) => sp.GetRequiredService<DatabaseConnection>().Configure(options));
        return builder;
    }
}
