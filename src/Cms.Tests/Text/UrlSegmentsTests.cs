using ChildProtection.Cms.Text;

namespace ChildProtection.Cms.Tests.Text;

public sealed class UrlSegmentsTests
{
    [Theory]
    [InlineData("Tháng hành động vì trẻ em", "thang-hanh-dong-vi-tre-em")]
    [InlineData("Đoàn thanh niên", "doan-thanh-nien")]
    [InlineData("ĐƯỜNG DÂY NÓNG 111", "duong-day-nong-111")]
    [InlineData("Phòng, chống xâm hại – bạo lực!", "phong-chong-xam-hai-bao-luc")]
    [InlineData("  Kỷ luật tích cực  ", "ky-luat-tich-cuc")]
    [InlineData("Nghị định 56/2017/NĐ-CP", "nghi-dinh-56-2017-nd-cp")]
    [InlineData("Children's Action Month", "children-s-action-month")]
    [InlineData("???", "trang")]
    public void FromName_VietnameseName_GivesAsciiSlug(string name, string expected) =>
        Assert.Equal(expected, UrlSegments.FromName(name));

    [Fact]
    public void FromName_DecomposedInput_GivesSameSlugAsComposed() =>
        Assert.Equal(UrlSegments.FromName("Trẻ em"), UrlSegments.FromName("Trẻ em".Normalize(System.Text.NormalizationForm.FormD)));

    [Fact]
    public void Unique_SegmentTakenBySiblings_AddsFirstFreeSuffix()
    {
        var taken = new HashSet<string> { "tin-tuc", "tin-tuc-1" };
        Assert.Equal("tin-tuc-2", UrlSegments.Unique("Tin tức", taken));
        Assert.Equal("to-gap", UrlSegments.Unique("Tờ gấp", taken));
    }
}
