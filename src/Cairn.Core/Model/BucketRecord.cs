namespace Cairn.Core.Model;

/// <summary>A bucket as stored.</summary>
public sealed record BucketRecord(string Name, string Owner, DateTimeOffset CreatedAt);
