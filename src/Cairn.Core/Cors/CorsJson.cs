using System.Text;
using System.Text.Json;

namespace Cairn.Core.Cors;

/// <summary>
/// The stored form of a CORS configuration (the bucket's "cors" setting): a JSON array of rules,
/// <c>{"id":…,"origins":[…],"methods":[…],"headers":[…],"expose":[…],"maxAge":…}</c>, absent members left out.
/// The spellings are part of the schema and never follow a C# name.
/// </summary>
public static class CorsJson
{
    public static string Write(CorsConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var rule in configuration.Rules)
            {
                json.WriteStartObject();
                if (rule.Id is not null)
                {
                    json.WriteString("id", rule.Id);
                }

                WriteList(json, "origins", rule.AllowedOrigins);
                WriteList(json, "methods", rule.AllowedMethods);
                WriteList(json, "headers", rule.AllowedHeaders);
                WriteList(json, "expose", rule.ExposeHeaders);
                if (rule.MaxAgeSeconds is { } maxAge)
                {
                    json.WriteNumber("maxAge", maxAge);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static CorsConfiguration Read(string stored)
    {
        using var document = JsonDocument.Parse(stored);
        var rules = new List<CorsRule>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            rules.Add(new CorsRule(
                item.TryGetProperty("id", out var id) ? id.GetString() : null,
                ReadList(item, "origins"),
                ReadList(item, "methods"),
                ReadList(item, "headers"),
                ReadList(item, "expose"),
                item.TryGetProperty("maxAge", out var maxAge) ? maxAge.GetInt32() : null));
        }

        return new CorsConfiguration(rules);
    }

    private static void WriteList(Utf8JsonWriter json, string name, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static List<string> ReadList(JsonElement rule, string name) =>
        rule.TryGetProperty(name, out var values)
            ? values.EnumerateArray().Select(value => value.GetString() ?? string.Empty).ToList()
            : [];
}
