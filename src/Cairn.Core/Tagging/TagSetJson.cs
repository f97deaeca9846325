using System.Text.Json;

namespace Cairn.Core.Tagging;

/// <summary>
/// The stored form of a tag set (an object's or upload's tags column, the bucket's "tagging" setting): a JSON array
/// of <c>[key, value]</c> pairs in order. An empty set is stored as no value at all (null). The form is part of the
/// schema.
/// </summary>
public static class TagSetJson
{
    /// <summary>The stored text; null for an empty set.</summary>
    public static string? Write(TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (tags.IsEmpty)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var tag in tags)
            {
                json.WriteStartArray();
                json.WriteStringValue(tag.Key);
                json.WriteStringValue(tag.Value);
                json.WriteEndArray();
            }

            json.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The tag set stored as <paramref name="stored"/>; empty for null.</summary>
    public static TagSet Read(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return TagSet.Empty;
        }

        var pairs = JsonSerializer.Deserialize<string[][]>(stored)
            ?? throw new InvalidDataException("The metadata database holds an empty tag set document.");
        return new TagSet(pairs.Select(pair => pair is [var key, var value]
            ? new Tag(key, value)
            : throw new InvalidDataException("The metadata database holds a tag that is not a [key, value] pair.")));
    }
}
