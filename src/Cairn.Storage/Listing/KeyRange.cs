namespace Cairn.Storage.Listing;

/// <summary>
/// The keys a bounded scan reads, as one range of the (bucket, key) index for both metadata stores: those starting
/// with a prefix and after an exclusive position. Starting with a prefix is the range from the prefix to its
/// <see cref="KeyOrder.Successor"/> in UTF-8 byte order, the keys' collation, so no pattern (LIKE, with its
/// wildcards) is involved and every key in the range does start with the prefix.
/// </summary>
/// <param name="From">The lower bound.</param>
/// <param name="Inclusive">Whether <paramref name="From"/> itself is in the range (the prefix) or not (a position after it).</param>
/// <param name="Below">The exclusive upper bound; null when the prefix has no successor (the empty prefix).</param>
internal readonly record struct KeyRange(string From, bool Inclusive, string? Below)
{
    /// <summary>The keys starting with <paramref name="prefix"/> after <paramref name="after"/> (null: from the first).</summary>
    public static KeyRange Of(string prefix, string? after) =>
        after is not null && KeyOrder.Utf8Compare(after, prefix) >= 0
            ? new KeyRange(after, false, KeyOrder.Successor(prefix))
            : new KeyRange(prefix, true, KeyOrder.Successor(prefix));

    /// <summary>
    /// The SQL condition on the <c>key</c> column, with <paramref name="fromParameter"/> and
    /// <paramref name="belowParameter"/> naming the parameters that carry <see cref="From"/> and <see cref="Below"/>
    /// (the latter only when there is an upper bound).
    /// </summary>
    public string Condition(string fromParameter, string belowParameter) =>
        $"key {(Inclusive ? ">=" : ">")} {fromParameter}" + (Below is null ? string.Empty : $" AND key < {belowParameter}");
}
