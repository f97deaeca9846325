using System.Text;
using System.Text.Json;
using Cairn.Core.Tagging;

namespace Cairn.Core.Lifecycle;

/// <summary>
/// The stored form of a lifecycle configuration (the bucket's "lifecycle" setting): a JSON array of rules with short
/// fixed member names, absent values left out, times as Unix milliseconds. The spellings are part of the schema and
/// never follow a C# name.
/// </summary>
public static class LifecycleJson
{
    public static string Write(LifecycleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var rule in configuration.Rules)
            {
                WriteRule(json, rule);
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static LifecycleConfiguration Read(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        using var document = JsonDocument.Parse(stored);
        return new LifecycleConfiguration([.. document.RootElement.EnumerateArray().Select(ReadRule)]);
    }

    private static void WriteRule(Utf8JsonWriter json, LifecycleRule rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteBoolean("enabled", rule.Enabled);
        WriteFilter(json, rule.Filter);
        if (rule.Expiration is { } expiration)
        {
            json.WriteStartObject("expire");
            Number(json, "days", expiration.Days);
            Time(json, "date", expiration.Date);
            Time(json, "before", expiration.CreatedBefore);
            if (expiration.ExpiredObjectDeleteMarker is { } marker)
            {
                json.WriteBoolean("marker", marker);
            }

            json.WriteEndObject();
        }

        if (rule.AbortIncompleteUpload is { } abort)
        {
            json.WriteStartObject("abort");
            Number(json, "days", abort.Days);
            Time(json, "before", abort.CreatedBefore);
            json.WriteEndObject();
        }

        if (rule.Transitions.Count > 0)
        {
            json.WriteStartArray("transitions");
            foreach (var transition in rule.Transitions)
            {
                json.WriteStartObject();
                Number(json, "days", transition.Days);
                Time(json, "date", transition.Date);
                Time(json, "before", transition.CreatedBefore);
                json.WriteString("class", transition.StorageClass);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (rule.NoncurrentVersionExpiration is { } noncurrent)
        {
            json.WriteStartObject("noncurrentExpire");
            Number(json, "days", noncurrent.NoncurrentDays);
            Number(json, "newer", noncurrent.NewerNoncurrentVersions);
            json.WriteEndObject();
        }

        if (rule.NoncurrentVersionTransitions.Count > 0)
        {
            json.WriteStartArray("noncurrentTransitions");
            foreach (var transition in rule.NoncurrentVersionTransitions)
            {
                json.WriteStartObject();
                Number(json, "days", transition.NoncurrentDays);
                Number(json, "newer", transition.NewerNoncurrentVersions);
                json.WriteString("class", transition.StorageClass);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteFilter(Utf8JsonWriter json, LifecycleFilter filter)
    {
        json.WriteStartObject("filter");
        json.WriteString("prefix", filter.Prefix);
        if (filter.Form == LifecycleFilterForm.LegacyPrefix)
        {
            json.WriteBoolean("legacy", true);
        }

        if (!filter.Tags.IsEmpty)
        {
            json.WritePropertyName("tags");
            json.WriteRawValue(TagSetJson.Write(filter.Tags)!);
        }

        Number(json, "sizeAbove", filter.ObjectSizeGreaterThan);
        Number(json, "sizeBelow", filter.ObjectSizeLessThan);
        if (filter.Not.Count > 0)
        {
            json.WriteStartArray("not");
            foreach (var exclusion in filter.Not)
            {
                json.WriteStartObject();
                json.WriteString("prefix", exclusion.Prefix);
                if (exclusion.Tag is { } tag)
                {
                    json.WriteString("tagKey", tag.Key);
                    json.WriteString("tagValue", tag.Value);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static LifecycleRule ReadRule(JsonElement rule) => new()
    {
        Id = rule.GetProperty("id").GetString()!,
        Enabled = rule.GetProperty("enabled").GetBoolean(),
        Filter = ReadFilter(rule.GetProperty("filter")),
        Expiration = rule.TryGetProperty("expire", out var expire)
            ? new LifecycleExpiration
            {
                Days = Int(expire, "days"),
                Date = Time(expire, "date"),
                CreatedBefore = Time(expire, "before"),
                ExpiredObjectDeleteMarker = expire.TryGetProperty("marker", out var marker) ? marker.GetBoolean() : null,
            }
            : null,
        AbortIncompleteUpload = rule.TryGetProperty("abort", out var abort)
            ? new LifecycleAbort { Days = Int(abort, "days"), CreatedBefore = Time(abort, "before") }
            : null,
        Transitions = rule.TryGetProperty("transitions", out var transitions)
            ? [.. transitions.EnumerateArray().Select(t => new LifecycleTransition
            {
                Days = Int(t, "days"),
                Date = Time(t, "date"),
                CreatedBefore = Time(t, "before"),
                StorageClass = t.GetProperty("class").GetString()!,
            })]
            : [],
        NoncurrentVersionExpiration = rule.TryGetProperty("noncurrentExpire", out var noncurrent)
            ? new LifecycleNoncurrentExpiration { NoncurrentDays = Int(noncurrent, "days"), NewerNoncurrentVersions = Int(noncurrent, "newer") }
            : null,
        NoncurrentVersionTransitions = rule.TryGetProperty("noncurrentTransitions", out var noncurrentTransitions)
            ? [.. noncurrentTransitions.EnumerateArray().Select(t => new LifecycleNoncurrentTransition
            {
                NoncurrentDays = Int(t, "days"),
                NewerNoncurrentVersions = Int(t, "newer"),
                StorageClass = t.GetProperty("class").GetString()!,
            })]
            : [],
    };

    private static LifecycleFilter ReadFilter(JsonElement filter) => new()
    {
        Prefix = filter.GetProperty("prefix").GetString()!,
        Form = filter.TryGetProperty("legacy", out var legacy) && legacy.GetBoolean() ? LifecycleFilterForm.LegacyPrefix : LifecycleFilterForm.Filter,
        Tags = filter.TryGetProperty("tags", out var tags) ? TagSetJson.Read(tags.GetRawText()) : TagSet.Empty,
        ObjectSizeGreaterThan = Long(filter, "sizeAbove"),
        ObjectSizeLessThan = Long(filter, "sizeBelow"),
        Not = filter.TryGetProperty("not", out var not)
            ? [.. not.EnumerateArray().Select(e => new LifecycleExclusion(
                e.GetProperty("prefix").GetString()!,
                e.TryGetProperty("tagKey", out var key) ? new Tag(key.GetString()!, e.GetProperty("tagValue").GetString()!) : null))]
            : [],
    };

    private static void Number(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
    }

    private static void Time(Utf8JsonWriter json, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            json.WriteNumber(name, time.ToUnixTimeMilliseconds());
        }
    }

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetInt32() : null;

    private static long? Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetInt64() : null;

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? DateTimeOffset.FromUnixTimeMilliseconds(value.GetInt64()) : null;
}
