namespace ChildProtection.Cms.Content;

/// <summary>
/// Drafts whose backoffice search entries another node must read again, as the change feed carries them: "k1,k2", or
/// "tree:k" for a moved node and everything below it.
/// </summary>
internal sealed record DraftChange(IReadOnlyList<Guid> Keys, bool WithDescendants = false)
{
    public const string Kind = "drafts";

    private const string Tree = "tree:";

    public string Write() => (WithDescendants ? Tree : "") + string.Join(',', Keys);

    public static DraftChange Read(string payload) => payload.StartsWith(Tree, StringComparison.Ordinal)
        ? new DraftChange(KeysIn(payload[Tree.Length..]), WithDescendants: true)
        : new DraftChange(KeysIn(payload));

    private static List<Guid> KeysIn(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
}
