using ChildProtection.Cms.Media;
using Microsoft.Extensions.Primitives;

namespace ChildProtection.Cms.Tests.Media;

public sealed class ImageVariantQueryTests
{
    private static ImageVariantQuery? Parse(string query) =>
        ImageVariantQuery.Parse(query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('='))
            .GroupBy(p => p[0], p => p.Length > 1 ? p[1] : "")
            .Select(g => new KeyValuePair<string, StringValues>(g.Key, new StringValues(g.ToArray()))));

    [Fact]
    public void ToQueryString_AnyOrderAndSpelling_SameCanonicalForm()
    {
        var a = Parse("format=JPG&v=2&rxy=0.25,0.5&mode=Crop&height=0450&width=800&utm_source=zalo")!;
        var b = Parse("width=800&height=450&mode=crop&rxy=0.250,0.50&format=jpeg&v=2")!;

        Assert.Equal("width=800&height=450&mode=crop&rxy=0.25,0.5&format=jpeg&v=2", a.ToQueryString());
        Assert.Equal(a.ToQueryString(), b.ToQueryString());
    }

    [Theory]
    [InlineData("width=4001")]
    [InlineData("width=0")]
    [InlineData("width=-5")]
    [InlineData("height=abc")]
    [InlineData("mode=stretch")]
    [InlineData("mode=1")]
    [InlineData("format=gif")]
    [InlineData("quality=101")]
    [InlineData("rxy=1.5,0.5")]
    [InlineData("crop=../../etc")]
    [InlineData("width=100&width=200")]
    public void Parse_OutOfRangeOrRepeated_Invalid(string query) => Assert.Null(Parse(query));

    [Fact]
    public void Resolve_OneSideOnly_ScalesWithoutCutting()
    {
        var spec = Parse("width=640&mode=crop&format=webp")!.Resolve(null, null, acceptsWebp: false)!;

        Assert.Equal((640, (int?)null, ImageResizeMode.Max, "webp", 80), (spec.Width!.Value, spec.Height, spec.Mode, spec.Format, spec.Quality));
    }

    [Fact]
    public void Resolve_NamedCropWithAWidth_KeepsTheCropsProportions()
    {
        var spec = Parse("crop=the&width=400&rxy=0.2,0.3&format=jpeg")!.Resolve(new ImageCrop("the", 800, 450), null, acceptsWebp: true)!;

        Assert.Equal((400, 225, ImageResizeMode.Crop, new FocalPoint(0.2, 0.3)), (spec.Width!.Value, spec.Height!.Value, spec.Mode, spec.FocalPoint));
    }

    [Fact]
    public void Resolve_WithoutTheItem_UnknownWhenItDependsOnIt()
    {
        var crop = Parse("width=100&height=100&mode=crop&format=png")!;
        var negotiated = Parse("width=100")!;

        Assert.Null(crop.Resolve(null, null, acceptsWebp: true));
        Assert.Null(negotiated.Resolve(null, null, acceptsWebp: false));
        Assert.Equal("webp", negotiated.Resolve(null, null, acceptsWebp: true)!.Format);
    }
}
