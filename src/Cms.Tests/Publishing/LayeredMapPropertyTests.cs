using ChildProtection.Cms.Publishing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace ChildProtection.Cms.Tests.Publishing;

/// <summary>One change of a random run: set key <c>Key</c> (to a new value) or remove it; a batch ends each <c>Batch</c>th change.</summary>
public sealed record MapChange(bool Remove, int Key);

public static class MapChanges
{
    /// <summary>Up to 600 changes over 150 keys: enough for overlays to pass the fold threshold several times.</summary>
    public static Arbitrary<MapChange[]> Changes()
    {
        var change = Gen.Frequency((3, Gen.Constant(false)), (2, Gen.Constant(true)))
            .SelectMany(_ => Gen.Choose(0, 149), (remove, key) => new MapChange(remove, key));
        return Gen.Choose(0, 600).SelectMany(length => Gen.ArrayOf(change, length)).ToArbitrary();
    }
}

public sealed class LayeredMapPropertyTests
{
    [Property(MaxTest = 200, Arbitrary = [typeof(MapChanges)])]
    public void Batches_OfSetsAndRemovals_ReadAsAPlainDictionaryDoes_AndLeaveEarlierMapsAsTheyWere(MapChange[] changes, PositiveInt batch)
    {
        var model = Enumerable.Range(0, 100).ToDictionary(k => k, k => $"v{k}");
        var map = new LayeredMap<int, string>(new Dictionary<int, string>(model));
        var earlier = new List<(LayeredMap<int, string> Map, Dictionary<int, string> Model)> { (map, new(model)) };

        foreach (var (chunk, index) in changes.Chunk(Math.Min(batch.Get, 50)).Select((c, i) => (c, i)))
        {
            var builder = map.ToBuilder();
            foreach (var change in chunk)
            {
                if (change.Remove)
                {
                    builder.Remove(change.Key);
                    model.Remove(change.Key);
                }
                else
                {
                    builder[change.Key] = model[change.Key] = $"v{change.Key}-{index}";
                }

                Assert.Equal(model.ContainsKey(change.Key), builder.TryGetValue(change.Key, out _));
            }

            map = builder.ToMap();
            earlier.Add((map, new(model)));
        }

        foreach (var (then, thenModel) in earlier)
        {
            Assert.Equal(thenModel.Count, then.Count);
            Assert.Equal(thenModel.Values.Order(), then.Values.Order());
            foreach (var key in Enumerable.Range(0, 150))
            {
                Assert.Equal(thenModel.GetValueOrDefault(key), then.GetValueOrDefault(key));
                Assert.Equal(thenModel.ContainsKey(key), then.ContainsKey(key));
            }
        }
    }
}
