using System.Collections;

namespace Cairn.Core.Tagging;

/// <summary>
/// The tags of an object or a bucket, in the order they were given (keys are unique: <see cref="TagRules"/> refuses
/// a repeated key before a set is ever stored). Equal when they hold the same tags in the same order.
/// </summary>
public sealed class TagSet : IReadOnlyList<Tag>, IEquatable<TagSet>
{
    public static readonly TagSet Empty = new([]);

    private readonly Tag[] _tags;

    public TagSet(IEnumerable<Tag> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        _tags = [.. tags];
    }

    public int Count => _tags.Length;

    public bool IsEmpty => _tags.Length == 0;

    public Tag this[int index] => _tags[index];

    /// <summary>The value of the tag <paramref name="key"/>; null when the set has no such tag.</summary>
    public string? Find(string key)
    {
        foreach (var tag in _tags)
        {
            if (string.Equals(tag.Key, key, StringComparison.Ordinal))
            {
                return tag.Value;
            }
        }

        return null;
    }

    /// <summary>Whether the set holds a tag with this key and exactly this value.</summary>
    public bool Contains(Tag tag) => Find(tag.Key) is { } value && string.Equals(value, tag.Value, StringComparison.Ordinal);

    public IEnumerator<Tag> GetEnumerator() => ((IEnumerable<Tag>)_tags).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(TagSet? other) => other is not null && _tags.AsSpan().SequenceEqual(other._tags);

    public override bool Equals(object? obj) => Equals(obj as TagSet);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var tag in _tags)
        {
            hash.Add(tag);
        }

        return hash.ToHashCode();
    }
}
