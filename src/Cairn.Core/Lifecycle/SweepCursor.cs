using System.Text;
using System.Text.Json;

namespace Cairn.Core.Lifecycle;

/// <summary>
/// How far a lifecycle sweep got, stored in the metadata store after every batch so that a sweep interrupted by a
/// crash, or taken over by another node, goes on where it stopped: the bucket being swept (and the last one
/// finished before it), the phase, the prefix being walked and the last key (and upload id) looked at. A finished
/// sweep stays stored too: its end says when the next one is due, whichever node runs it.
/// </summary>
/// <param name="StartedAt">When the sweep began.</param>
/// <param name="Due">Uploads and objects found due so far in this sweep.</param>
/// <param name="AfterBucket">The last bucket swept to the end; null before the first.</param>
/// <param name="Bucket">The bucket being swept; null between buckets.</param>
/// <param name="Phase">Which of the bucket's walks is under way.</param>
/// <param name="Prefix">The prefix being walked; a walk goes on with the first of the rules' prefixes not before it.</param>
/// <param name="Key">The last key looked at under <paramref name="Prefix"/> (exclusive); null at its start.</param>
/// <param name="UploadId">With <paramref name="Key"/>, in the upload walk: the last upload looked at.</param>
/// <param name="FinishedAt">When the sweep reached its end; the next starts an interval later. Null while under way.</param>
internal sealed record SweepCursor(
    DateTimeOffset StartedAt,
    long Due,
    string? AfterBucket,
    string? Bucket,
    SweepPhase Phase,
    string Prefix,
    string? Key,
    string? UploadId,
    DateTimeOffset? FinishedAt)
{
    /// <summary>A sweep starting now, before the first bucket.</summary>
    public static SweepCursor Start(DateTimeOffset now) => new(now, 0, null, null, SweepPhase.Uploads, string.Empty, null, null, null);

    /// <summary>At the start of <paramref name="bucket"/>'s upload walk.</summary>
    public SweepCursor EnterBucket(string bucket) =>
        this with { Bucket = bucket, Phase = SweepPhase.Uploads, Prefix = string.Empty, Key = null, UploadId = null };

    /// <summary>At the start of the walk under <paramref name="prefix"/>, in the same phase.</summary>
    public SweepCursor AtPrefix(string prefix) => this with { Prefix = prefix, Key = null, UploadId = null };

    /// <summary>At the start of the bucket's object walk.</summary>
    public SweepCursor ToObjects() => this with { Phase = SweepPhase.Objects, Prefix = string.Empty, Key = null, UploadId = null };

    /// <summary>Past the current bucket, before the next one.</summary>
    public SweepCursor LeaveBucket() => this with { AfterBucket = Bucket, Bucket = null, Key = null, UploadId = null };

    /// <summary>The sweep, over at <paramref name="now"/>.</summary>
    public SweepCursor Finish(DateTimeOffset now) => this with { FinishedAt = now };

    public string Write()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("started", StartedAt.ToUnixTimeMilliseconds());
            json.WriteNumber("due", Due);
            if (FinishedAt is { } finished)
            {
                json.WriteNumber("finished", finished.ToUnixTimeMilliseconds());
            }
            else
            {
                Text(json, "after", AfterBucket);
                Text(json, "bucket", Bucket);
                json.WriteString("phase", Phase == SweepPhase.Uploads ? "uploads" : "objects");
                json.WriteString("prefix", Prefix);
                Text(json, "key", Key);
                Text(json, "upload", UploadId);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The stored cursor; null when there is none or it cannot be read (a new sweep then starts over).</summary>
    public static SweepCursor? Read(string? stored)
    {
        if (stored is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(stored);
            var root = document.RootElement;
            return new SweepCursor(
                DateTimeOffset.FromUnixTimeMilliseconds(root.GetProperty("started").GetInt64()),
                root.GetProperty("due").GetInt64(),
                Text(root, "after"),
                Text(root, "bucket"),
                Text(root, "phase") == "objects" ? SweepPhase.Objects : SweepPhase.Uploads,
                Text(root, "prefix") ?? string.Empty,
                Text(root, "key"),
                Text(root, "upload"),
                root.TryGetProperty("finished", out var finished) ? DateTimeOffset.FromUnixTimeMilliseconds(finished.GetInt64()) : null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
        {
            return null;
        }
    }

    private static void Text(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetString() : null;
}

/// <summary>A bucket is swept in two walks: its incomplete uploads, then its objects.</summary>
internal enum SweepPhase
{
    Uploads,
    Objects,
}
