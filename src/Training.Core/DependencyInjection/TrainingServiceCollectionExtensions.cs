using ChildProtection.Training.Persistence;
using ChildProtection.Training.Quizzes;
using ChildProtection.Training.Units;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChildProtection.Training.DependencyInjection;

public enum TrainingDatabase
{
    Sqlite,
    PostgreSql,
}

public static class TrainingServiceCollectionExtensions
{
    /// <summary>
    /// Training and contests on the site's database. The host says which provider it is and configures the
    /// connection (this library does not know where the site keeps its settings).
    /// </summary>
    public static IHostApplicationBuilder AddTraining(
        this IHostApplicationBuilder builder,
        Func<IServiceProvider, TrainingDatabase> database,
        Action<IServiceProvider, DbContextOptionsBuilder> configureDatabase)
    {
        var services = builder.Services;
        services.AddDbContext<SqliteTrainingDbContext>(configureDatabase, optionsLifetime: ServiceLifetime.Singleton);
        services.AddDbContext<PostgresTrainingDbContext>(configureDatabase, optionsLifetime: ServiceLifetime.Singleton);
        services.AddScoped<TrainingDbContext>(sp => database(sp) == TrainingDatabase.PostgreSql
            ? sp.GetRequiredService<PostgresTrainingDbContext>()
            : sp.GetRequiredService<SqliteTrainingDbContext>());

        services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.Section).ValidateOnStart();
        // Only if missing: the content engine, or the tests' fake clock, may have added it already (see AddCms).
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<QuizService>();
        services.AddSingleton<QuizMetrics>();
        services.AddScoped<QuestionBankEditor>();
        services.AddScoped<QuestionBankSeeder>();
        services.AddScoped<UnitImporter>();
        services.AddScoped<UnitDirectory>();
        services.AddScoped<Learning.LearningService>();
        services.AddScoped<Learning.Certificates>();
        services.AddScoped<Learning.Assignments>();
        services.AddScoped<Learning.LearnerImporter>();
        services.AddScoped<Reports.CompletionReports>();
        services.AddOptions<Contests.ContestOptions>().BindConfiguration(Contests.ContestOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Contests.ContestService>();
        services.AddScoped<Contests.ContestUnits>();
        services.AddScoped<Contests.ContestClasses>();
        services.AddScoped<Contests.ContestPaperResults>();
        services.AddScoped<Learning.CoursePaperResults>();
        services.AddScoped<Contests.SampleContestSeeder>();
        services.AddScoped<Marking.EssayMarking>();
        services.AddScoped<Limits.ClientRequestLimiter>();
        services.AddScoped<Limits.RequestLimitRecords>();
        services.AddOptions<Forum.ForumOptions>().BindConfiguration(Forum.ForumOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Forum.ForumService>();
        services.AddScoped<Forum.SampleForumSeeder>();
        services.AddHostedService<TrainingStartup>();
        return builder;
    }
}

/// <summary>
/// Imports the starting question banks and units once the site answers (the public pages need not wait for them),
/// on a database the host has migrated.
/// </summary>
internal sealed class TrainingStartup(IServiceProvider services, IOptions<TrainingOptions> options) : IHostedLifecycleService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        if (options.Value.QuestionBankSeedPath is { Length: > 0 } seeds)
        {
            await scope.ServiceProvider.GetRequiredService<QuestionBankSeeder>().ImportAsync(seeds, cancellationToken);
            await scope.ServiceProvider.GetRequiredService<Contests.SampleContestSeeder>().EnsureAsync(cancellationToken);
            // After the contest, so that the sample forum's quiz link points to it.
            await scope.ServiceProvider.GetRequiredService<Forum.SampleForumSeeder>().EnsureAsync(cancellationToken);
        }

        // Learners register into a unit: a new site starts with the units of the seed so that it can be tried at once.
        if (options.Value.UnitSeedPath is { Length: > 0 } units && File.Exists(units)
            && !await scope.ServiceProvider.GetRequiredService<TrainingDbContext>().Units.AnyAsync(cancellationToken))
        {
            await using var file = File.OpenRead(units);
            await scope.ServiceProvider.GetRequiredService<UnitImporter>().ImportAsync(file, Path.GetFileName(units), cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
