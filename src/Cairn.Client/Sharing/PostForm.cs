using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cairn.Client.Sharing;

/// <summary>
/// A signed browser upload form: POST <c>multipart/form-data</c> to <see cref="Url"/> with <see cref="Fields"/> in
/// this order, then the file as the last part (named <c>file</c>). Serialises to JSON as
/// <c>{"url":…,"fields":{name:value,…},"expiration":…}</c>, the shape upload pages and SDKs pass around.
/// </summary>
[JsonConverter(typeof(PostFormJsonConverter))]
public sealed record PostForm(Uri Url, IReadOnlyList<KeyValuePair<string, string>> Fields, DateTimeOffset Expiration)
{
    /// <summary>The value of field <paramref name="name"/>, or null when the form has none.</summary>
    public string? this[string name] => Fields.FirstOrDefault(f => f.Key == name).Value;

    /// <summary>Writes the form in its JSON shape (field order kept), e.g. for a page that builds the form.</summary>
    public string ToJson() => JsonSerializer.Serialize(this);

    private sealed class PostFormJsonConverter : JsonConverter<PostForm>
    {
        public override PostForm Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var document = JsonDocument.ParseValue(ref reader).RootElement;
            return new PostForm(
                new Uri(document.GetProperty("url").GetString()!),
                [.. document.GetProperty("fields").EnumerateObject().Select(f => KeyValuePair.Create(f.Name, f.Value.GetString()!))],
                document.GetProperty("expiration").GetDateTimeOffset());
        }

        public override void Write(Utf8JsonWriter writer, PostForm value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString("url", value.Url.ToString());
            writer.WriteStartObject("fields");
            foreach (var (name, text) in value.Fields)
            {
                writer.WriteString(name, text);
            }

            writer.WriteEndObject();
            writer.WriteString("expiration", value.Expiration);
            writer.WriteEndObject();
        }
    }
}
