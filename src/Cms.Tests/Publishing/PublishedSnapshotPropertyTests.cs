using ChildProtection.Cms.Content;
using ChildProtection.Cms.Publishing;
using ChildProtection.Cms.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Cms.Tests.Publishing;

public enum SnapshotOperation
{
    Create,
    CreateAndPublish,
    Publish,
    Unpublish,
    Move,
    Sort,
    Trash,
    Restore,
    EmptyRecycleBin,
    Rename,
}

/// <summary>One operation of a random sequence; its numbers pick nodes, names and cultures from what exists then.</summary>
public sealed record SnapshotStep(SnapshotOperation Operation, int A, int B, int C);

public static class SnapshotSteps
{
    /// <summary>Sequences of 1 to 15 steps, publishing often enough that trees several levels deep go public.</summary>
    public static Arbitrary<SnapshotStep[]> Steps()
    {
        var operation = Gen.Frequency(
            (4, Gen.Constant(SnapshotOperation.CreateAndPublish)),
            (2, Gen.Constant(SnapshotOperation.Create)),
            (3, Gen.Constant(SnapshotOperation.Publish)),
            (1, Gen.Constant(SnapshotOperation.Unpublish)),
            (2, Gen.Constant(SnapshotOperation.Move)),
            (1, Gen.Constant(SnapshotOperation.Sort)),
            (1, Gen.Constant(SnapshotOperation.Trash)),
            (1, Gen.Constant(SnapshotOperation.Restore)),
            (1, Gen.Constant(SnapshotOperation.EmptyRecycleBin)),
            (3, Gen.Constant(SnapshotOperation.Rename)));
        var number = Gen.Choose(0, 99);
        var step = operation.SelectMany(o => number, (o, a) => (o, a))
            .SelectMany(x => number, (x, b) => (x.o, x.a, b))
            .SelectMany(x => number, (x, c) => new SnapshotStep(x.o, x.a, x.b, c));
        return Gen.Choose(1, 15).SelectMany(length => Gen.ArrayOf(step, length)).ToArbitrary();
    }
}

public sealed class PublishedSnapshotPropertyTests
{
    private const string User = CmsFixture.Editor;
    private static readonly string[] RootNames = ["Trang chủ", "Trang hai", "Trang ba"];
    private static readonly string[] PageNames = ["Giới thiệu", "Tin tức", "Liên hệ", "Hỏi đáp"];
    private static readonly string[] EnglishNames = ["About", "News", "Contact"];

    [Property(MaxTest = 30, Arbitrary = [typeof(SnapshotSteps)])]
    public async Task Refresh_RandomOperations_EqualsFullRebuildAfterEveryStep(SnapshotStep[] steps)
    {
        await using var cms = await CmsFixture.StartAsync();
        var service = cms.Services.GetRequiredService<PublishedSnapshotService>();
        var nodes = new List<(Guid Key, string Type)>();
        await using (var scope = cms.NewContentService())
        {
            // Two published roots, and two levels of published pages under the second, for the steps to change.
            foreach (var name in RootNames.Take(2))
            {
                var root = await scope.Content.CreateAndPublishAsync(null, "home", Root(name).Build(), User);
                nodes.Add((root.Result!.Content!.Key, "home"));
            }

            for (var level = 0; level < 2; level++)
            {
                var page = await scope.Content.CreateAndPublishAsync(nodes[^1].Key, "textPage", Page(level, cultures: 0).Build(), User);
                nodes.Add((page.Result!.Content!.Key, "textPage"));
            }
        }

        foreach (var step in steps)
        {
            var before = cms.Snapshot;
            await using (var scope = cms.NewContentService())
            {
                await RunAsync(scope.Content, nodes, step);
            }

            try
            {
                await FullRebuildComparison.AssertEqualsFullRebuildAsync(service, before, cms.Snapshot);
            }
            catch (Exception e) when (e is Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"after {step} of [{string.Join(", ", steps)}]: {e.Message}");
            }
        }
    }

    private static async Task RunAsync(ContentService content, List<(Guid Key, string Type)> nodes, SnapshotStep step)
    {
        var (key, type) = nodes[step.A % nodes.Count];
        var pages = nodes.Where(n => n.Type == "textPage").ToList();
        switch (step.Operation)
        {
            case SnapshotOperation.Create or SnapshotOperation.CreateAndPublish:
                var edit = Page(step.B, step.C).Build();
                var created = step.Operation == SnapshotOperation.Create
                    ? await content.CreateAsync(key, "textPage", edit, User)
                    : await content.CreateAndPublishAsync(key, "textPage", edit, User);
                if (created.Success)
                {
                    nodes.Add((created.Result!.Content!.Key, "textPage"));
                }

                break;
            case SnapshotOperation.Publish:
                await content.PublishAsync(key, User);
                break;
            case SnapshotOperation.Unpublish:
                await content.UnpublishAsync(key, User);
                break;
            case SnapshotOperation.Move when pages.Count > 0:
                await content.MoveAsync(pages[step.A % pages.Count].Key, nodes[step.B % nodes.Count].Key, User);
                break;
            case SnapshotOperation.Sort:
                Guid? parent = step.C % 4 == 0 ? null : key;
                var children = (await content.GetChildrenAsync(parent)).Select(c => c.Key).ToList();
                var shift = step.B % Math.Max(1, children.Count);
                await content.SortAsync(parent, [.. children.Skip(shift), .. children.Take(shift).Reverse()], User);
                break;
            case SnapshotOperation.Trash:
                await content.MoveToRecycleBinAsync(key, User);
                break;
            case SnapshotOperation.Restore:
                await content.RestoreAsync(key, User);
                break;
            case SnapshotOperation.EmptyRecycleBin:
                await content.EmptyRecycleBinAsync(User);
                var remaining = new List<(Guid, string)>();
                foreach (var node in nodes.Where(n => n.Type == "home"))
                {
                    remaining.Add(node);
                }

                foreach (var node in pages)
                {
                    if (await content.ExistsAsync(node.Key))
                    {
                        remaining.Add(node);
                    }
                }

                nodes.Clear();
                nodes.AddRange(remaining);
                break;
            case SnapshotOperation.Rename:
                await content.SaveAndPublishAsync(key, type == "home" ? Root(RootNames[step.B % RootNames.Length]).Build() : Page(step.B, step.C).Build(), User);
                break;
        }
    }

    private static ContentBuilder Root(string name) =>
        new ContentBuilder().WithType("home").WithName(name).WithName($"{name} (EN)", "en").WithMandatoryValues();

    /// <summary>A text page named from a short list, so that siblings collide and renames go back and forth; in English too at times.</summary>
    private static ContentBuilder Page(int name, int cultures)
    {
        var builder = new ContentBuilder().WithName(PageNames[name % PageNames.Length]);
        if (cultures % 3 == 0)
        {
            builder.WithName(EnglishNames[name % EnglishNames.Length], "en");
        }

        // Every other name has a body long enough for the value file (PublishedValueStore).
        return builder.WithMandatoryValues().WithValue("body", name % 2 == 0 ? $"Nội dung {name}." : string.Concat(Enumerable.Repeat($"Nội dung dài {name}. ", 20)));
    }
}
