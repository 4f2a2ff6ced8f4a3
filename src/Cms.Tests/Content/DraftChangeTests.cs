using ChildProtection.Cms.Content;

namespace ChildProtection.Cms.Tests.Content;

/// <summary>Drafts written to the change feed are read back on another node as the same drafts.</summary>
public sealed class DraftChangeTests
{
    [Fact]
    public void Read_OfWrite_IsTheSameChange()
    {
        var keys = new[] { Guid.NewGuid(), Guid.NewGuid() };

        var nodes = DraftChange.Read(new DraftChange(keys).Write());
        var tree = DraftChange.Read(new DraftChange([keys[0]], WithDescendants: true).Write());

        Assert.Equal(keys, nodes.Keys);
        Assert.False(nodes.WithDescendants);
        Assert.Equal([keys[0]], tree.Keys);
        Assert.True(tree.WithDescendants);
    }
}
