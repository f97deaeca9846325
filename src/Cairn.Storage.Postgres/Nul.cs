namespace Cairn.Storage.Postgres;

/// <summary>
/// PostgreSQL text cannot hold U+0000, so no stored key, upload id or access key id contains it, while a client may
/// send one in any of them (a key, an upload id, a listing marker, an access key id). Such a value matches nothing: the
/// store answers as for a name it does not hold, without putting the value in a statement, which PostgreSQL would
/// refuse.
/// </summary>
internal static class Nul
{
    public static bool In(string? value) => value is not null && value.Contains('\0', StringComparison.Ordinal);

    /// <summary>
    /// A listing position cut before its first U+0000: among stored keys, none of which holds one, "after a\0b" and
    /// "after a" are the same position.
    /// </summary>
    public static string? Cut(string? position) =>
        position is not null && position.IndexOf('\0', StringComparison.Ordinal) is var at and >= 0 ? position[..at] : position;

    /// <summary>A delimiter holding U+0000 occurs in no stored key: the listing is the one without a delimiter.</summary>
    public static string? Delimiter(string? delimiter) => In(delimiter) ? null : delimiter;
}
