namespace Cairn.Client.Upload;

/// <summary>
/// Outcome of checking an earlier run's checkpoint: the checkpoint to continue (with only the parts the server
/// really holds), or null to start over, with the reason shown to the user.
/// </summary>
internal sealed record ResumeDecision(UploadCheckpoint? Checkpoint, SourceIdentity? Source, string? Reason)
{
    public static ResumeDecision Fresh(SourceIdentity? source, string? reason) => new(null, source, reason);
}
