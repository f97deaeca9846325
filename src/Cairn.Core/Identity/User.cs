namespace Cairn.Core.Identity;

/// <summary>
/// Someone who owns buckets and objects and signs requests with access keys. The id is what ownership records;
/// it never changes and is never an access key id, so keys can be rotated without touching what the user owns.
/// </summary>
/// <param name="Id">Stable id: <see cref="RootId"/> for the root user, <see cref="UserIds.New"/> for every other.</param>
/// <param name="Name">The display name listings show; unique among users.</param>
/// <param name="CreatedAt">When the user was created.</param>
/// <param name="Status">An inactive user's keys all stop working.</param>
public sealed record User(string Id, string Name, DateTimeOffset CreatedAt, IdentityStatus Status)
{
    /// <summary>
    /// The root user's well-known id. It owns everything stored before users existed and holds the root key from
    /// the server's configuration.
    /// </summary>
    public const string RootId = "root";

    /// <summary>The root user's name.</summary>
    public const string RootName = "root";

    public bool IsRoot => Id == RootId;
}
