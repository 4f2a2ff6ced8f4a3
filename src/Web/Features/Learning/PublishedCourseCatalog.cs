using System.Globalization;
using ChildProtection.Cms.DependencyInjection;
using ChildProtection.Cms.Publishing;
using ChildProtection.Training.Learning;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Features.Learning;

/// <summary>Training's view of the published courses ("course" pages and their "lesson" children), rebuilt per snapshot.</summary>
public sealed class PublishedCourseCatalog(IPublishedSnapshotAccessor snapshots, IOptions<CmsOptions> cms) : ICourseCatalog
{
    public const string CourseType = "course";
    public const string LessonType = "lesson";
    private const int DefaultQuizQuestions = 10;

    private (long Generation, IReadOnlyList<CourseOutline> Courses) _cache = (-1, []);

    public IReadOnlyList<CourseOutline> Courses
    {
        get
        {
            var snapshot = snapshots.Current;
            var cache = _cache;
            if (cache.Generation != snapshot.Generation)
            {
                cache = (snapshot.Generation, Build(snapshot));
                _cache = cache;
            }

            return cache.Courses;
        }
    }

    public CourseOutline? Find(Guid courseKey) => Courses.FirstOrDefault(c => c.Key == courseKey);

    private List<CourseOutline> Build(PublishedSnapshot snapshot)
    {
        var culture = cms.Value.DefaultCulture;
        return snapshot.All.Where(c => c.ContentTypeAlias == CourseType && c.HasCulture(culture))
            .OrderBy(c => c.SortOrder)
            .Select(course =>
            {
                var lessons = snapshot.Children(course, culture).Where(l => l.ContentTypeAlias == LessonType).Select(l => new LessonOutline(l.Key, l.Name(culture))).ToList();
                var bank = course.Value("questionBank", culture) is { Length: > 0 } name ? name.Trim() : null;
                var questions = int.TryParse(course.Value("quizQuestions", culture), CultureInfo.InvariantCulture, out var count) && count > 0 ? count : DefaultQuizQuestions;
                var passMark = int.TryParse(course.Value("passMark", culture), CultureInfo.InvariantCulture, out var percent) && percent is > 0 and <= 100 ? percent / 100m : 0.8m;
                // Optional limits: empty or zero means none.
                TimeSpan? timeLimit = course.IntValue("timeLimitMinutes", culture) is > 0 and var minutes ? TimeSpan.FromMinutes(minutes) : null;
                var maxAttempts = course.IntValue("maxAttempts", culture) is > 0 and var attempts ? attempts : (int?)null;
                return new CourseOutline(course.Key, course.Name(culture), lessons, bank, questions, passMark, timeLimit, maxAttempts);
            }).ToList();
    }
}
