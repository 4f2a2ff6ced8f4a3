using System.Diagnostics.Metrics;

namespace ChildProtection.Training.Quizzes;

/// <summary>The training module's own measurements (meter <see cref="MeterName"/>): a contest's busiest request, the autosave.</summary>
public sealed class QuizMetrics
{
    public const string MeterName = "ChildProtection.Training";

    private readonly Counter<long> _autosaves;
    private readonly Histogram<double> _autosaveDuration;

    public QuizMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _autosaves = meter.CreateCounter<long>("cp.quiz.autosaves", "{answer}", "Answers autosaved, by outcome.");
        _autosaveDuration = meter.CreateHistogram<double>("cp.quiz.autosave.duration", "s", "Time to autosave one answer, by outcome.");
    }

    internal void Autosaved(AttemptStatus outcome, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome.ToString());
        _autosaves.Add(1, tag);
        _autosaveDuration.Record(elapsed.TotalSeconds, tag);
    }
}
