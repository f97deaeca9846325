using System.Text.Json;

namespace Cairn.Client.Sharing;

/// <summary>
/// One condition of a POST policy document, written in the document's JSON forms: an exact match
/// <c>{"field":"value"}</c>, <c>["starts-with","$field","prefix"]</c>, or <c>["content-length-range",min,max]</c>.
/// </summary>
public abstract record PostPolicyCondition
{
    internal abstract void WriteTo(Utf8JsonWriter writer);

    /// <summary>The form field <see cref="Field"/> must equal <see cref="Value"/>.</summary>
    public sealed record ExactMatch(string Field, string Value) : PostPolicyCondition
    {
        internal override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartObject();
            writer.WriteString(Field, Value);
            writer.WriteEndObject();
        }
    }

    /// <summary>The form field <see cref="Field"/> must start with <see cref="Prefix"/> (any value when empty).</summary>
    public sealed record StartsWith(string Field, string Prefix) : PostPolicyCondition
    {
        internal override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            writer.WriteStringValue("starts-with");
            writer.WriteStringValue("$" + Field);
            writer.WriteStringValue(Prefix);
            writer.WriteEndArray();
        }
    }

    /// <summary>The uploaded file's size in bytes must be within [<see cref="Min"/>, <see cref="Max"/>].</summary>
    public sealed record ContentLengthRange(long Min, long Max) : PostPolicyCondition
    {
        internal override void WriteTo(Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            writer.WriteStringValue("content-length-range");
            writer.WriteNumberValue(Min);
            writer.WriteNumberValue(Max);
            writer.WriteEndArray();
        }
    }
}
