using ChildProtection.Cms.Publishing;

namespace ChildProtection.Cms.Tests.Publishing;

/// <summary>A content change written to the change feed is read back on another node as the same change.</summary>
public sealed class SnapshotChangeFeedTests
{
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();

    [Fact]
    public void Read_OfWrite_IsTheSameChange()
    {
        Assert.Equal([First, Second], Assert.IsType<SnapshotChange.Nodes>(RoundTrip(new SnapshotChange.Nodes([First, Second]))).Keys);
        Assert.Equal(new SnapshotChange.Moved(First), RoundTrip(new SnapshotChange.Moved(First)));
        Assert.Equal(new SnapshotChange.Sorted(First), RoundTrip(new SnapshotChange.Sorted(First)));
        Assert.Equal(new SnapshotChange.Sorted(null), RoundTrip(new SnapshotChange.Sorted(null)));
        Assert.Equal(new SnapshotChange.Redirects(), RoundTrip(new SnapshotChange.Redirects()));
        Assert.Null(RoundTrip(null));
    }

    [Theory]
    [InlineData("renamed:abc")]
    [InlineData(null)]
    public void Read_AFormThisVersionDoesNotKnow_ReadsEverythingAgain(string? payload) =>
        Assert.Null(SnapshotChangeFeed.Read(payload));

    [Fact]
    public void Coalesce_ARunOfChanges_ReadsConsecutiveNodesTogetherAndRedirectsOnceAtTheEnd()
    {
        var third = Guid.NewGuid();
        var coalesced = SnapshotChangeFeed.Coalesce([
            new SnapshotChange.Nodes([First]), new SnapshotChange.Redirects(), new SnapshotChange.Nodes([Second, First]),
            new SnapshotChange.Moved(third), new SnapshotChange.Nodes([third]), new SnapshotChange.Redirects()]).ToList();

        Assert.Equal(4, coalesced.Count);
        Assert.Equal([First, Second], Assert.IsType<SnapshotChange.Nodes>(coalesced[0]).Keys);
        Assert.Equal(new SnapshotChange.Moved(third), coalesced[1]);
        Assert.Equal([third], Assert.IsType<SnapshotChange.Nodes>(coalesced[2]).Keys);
        Assert.IsType<SnapshotChange.Redirects>(coalesced[3]);
    }

    private static SnapshotChange? RoundTrip(SnapshotChange? change) => SnapshotChangeFeed.Read(SnapshotChangeFeed.Write(change));
}
