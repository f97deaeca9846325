namespace Cairn.Core.Model;

/// <summary>A bucket and its configuration documents by name (<see cref="Ports.BucketSettingNames"/>).</summary>
public sealed record BucketSettings(BucketRecord Bucket, IReadOnlyDictionary<string, string> Documents)
{
    public string? Get(string name) => Documents.TryGetValue(name, out var document) ? document : null;
}
