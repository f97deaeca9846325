namespace Cairn.Client.Upload;

/// <summary>
/// What a file upload must remember to resume after a crash or a pause: which upload on which object, which source
/// file in which state (so a changed file is never stitched onto old parts), the part size, and every part that
/// the server acknowledged with its ETag.
/// </summary>
public sealed record UploadCheckpoint
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required string UploadId { get; init; }

    public required SourceIdentity Source { get; init; }

    public required long PartSize { get; init; }

    public List<CheckpointPart> Parts { get; init; } = [];

    public DateTimeOffset Started { get; init; }
}
