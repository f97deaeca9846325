using System.Diagnostics.CodeAnalysis;

namespace Cairn.Core.Names;

/// <summary>
/// The name a Cairn process (a node) goes by among the nodes sharing one data directory and metadata store:
/// 1..64 characters of <c>A-Z a-z 0-9 . _ -</c>. It names files of its own in the data directory (its lock, its
/// temp directory), so it can never climb out of a directory or clash with a separator, and it is the holder
/// of the leases the node takes.
/// </summary>
public readonly record struct NodeId
{
    /// <summary>The longest node id.</summary>
    public const int MaxLength = 64;

    /// <summary>What a node id may be, for messages.</summary>
    public const string Rule = "1 to 64 characters of A-Z, a-z, 0-9, '.', '_' and '-', other than '.' and '..'";

    private NodeId(string value) => Value = value;

    public string Value { get; }

    public override string ToString() => Value;

    public static bool TryParse(string? text, [NotNullWhen(true)] out NodeId? id)
    {
        id = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !text.All(IsAllowed) || text is "." or "..")
        {
            return false;
        }

        id = new NodeId(text);
        return true;
    }

    /// <summary>A node id known to be valid (e.g. a constant); throws <see cref="ArgumentException"/> otherwise.</summary>
    public static NodeId Parse(string text) =>
        TryParse(text, out var id) ? id.Value : throw new ArgumentException($"Not a node id ({Rule}).", nameof(text));

    /// <summary>
    /// The node id a host name gives: every character a node id cannot hold becomes '-', and the name is cut to
    /// <see cref="MaxLength"/>. The default, so that nodes on different machines differ without configuration.
    /// </summary>
    public static NodeId FromHostName(string hostName)
    {
        var safe = new string(hostName.Select(c => IsAllowed(c) ? c : '-').Take(MaxLength).ToArray());
        return TryParse(safe, out var id) ? id.Value : new NodeId("node");
    }

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';
}
