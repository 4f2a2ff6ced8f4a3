using System.Globalization;
using ChildProtection.Web.Features.Forum;
using ChildProtection.Web.Infrastructure;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Tests.Infrastructure;

public sealed class FeatureTextLocalizerFactoryTests
{
    private static IStringLocalizer Create(Type marker) =>
        new FeatureTextLocalizerFactory(new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)).Create(marker);

    [Theory]
    [InlineData("vi-VN", "Hiện chưa có diễn đàn nào.", "Tổng đài quốc gia bảo vệ trẻ em 111 — miễn phí, 24/7")]
    [InlineData("en-GB", "There is no forum yet.", "National Child Protection Hotline 111 — free, 24/7")]
    public void Create_FeatureMarker_ReadsFeatureFileThenSharedFile(string culture, string forumMessage, string sharedMessage)
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var text = Create(typeof(ForumText));

        Assert.Equal(forumMessage, text["ForumNone"]);
        Assert.Equal(sharedMessage, text["Hotline111"]);
        Assert.True(text["NoSuchKey"].ResourceNotFound);
        Assert.Contains(text.GetAllStrings(false), s => s.Name == "ForumNone");
        Assert.Contains(text.GetAllStrings(false), s => s.Name == "Hotline111");
    }

    [Fact]
    public void Create_SharedResource_ReadsOnlySharedFile()
    {
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("vi-VN");
        var text = Create(typeof(SharedResource));

        Assert.False(text["Hotline111"].ResourceNotFound);
        Assert.True(text["ForumNone"].ResourceNotFound);
    }
}
