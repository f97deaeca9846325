using Cairn.Client.Hashing;
using Cairn.Client.IO;
using Microsoft.Win32.SafeHandles;

namespace Cairn.Client.Upload;

/// <summary>
/// Checks an earlier run's checkpoint against the two sources of truth before anything is sent:
/// the source file (a changed file starts over and the stale upload is aborted, so it does not linger as an
/// incomplete upload) and the server (ListParts, all pages: a vanished upload starts over; a part counts as done
/// only if the server holds it with the expected size and ETag). Parts the server holds but the checkpoint
/// missed — the run died between the server's answer and the checkpoint write — are accepted when the MD5 of
/// the file's bytes matches their ETag, so they are not sent twice.
/// </summary>
internal sealed class UploadResumer
{
    private readonly UploadOperations _operations;
    private readonly SafeFileHandle _handle;

    public UploadResumer(UploadOperations operations, SafeFileHandle handle)
    {
        _operations = operations;
        _handle = handle;
    }

    public async Task<ResumeDecision> DecideAsync(UploadCheckpoint previous, SourceIdentity source, string bucket, string key, CancellationToken cancellationToken)
    {
        if (previous.Version != UploadCheckpoint.CurrentVersion || previous.Bucket != bucket || previous.Key != key)
        {
            await _operations.AbortQuietlyAsync(previous.Bucket, previous.Key, previous.UploadId).ConfigureAwait(false);
            return ResumeDecision.Fresh(source, "the checkpoint belonged to another transfer");
        }

        if (previous.Source != source)
        {
            await _operations.AbortQuietlyAsync(bucket, key, previous.UploadId).ConfigureAwait(false);
            return ResumeDecision.Fresh(source, $"the source changed since the interrupted run; upload {previous.UploadId} was aborted");
        }

        var serverParts = await _operations.ListPartsAsync(bucket, key, previous.UploadId, cancellationToken).ConfigureAwait(false);
        if (serverParts is null)
        {
            return ResumeDecision.Fresh(source, $"upload {previous.UploadId} no longer exists on the server");
        }

        var partCount = PartPlanner.PartCount(source.Size, previous.PartSize);
        var remembered = previous.Parts.ToDictionary(p => p.PartNumber);
        var confirmed = new List<CheckpointPart>();
        foreach (var serverPart in serverParts)
        {
            if (serverPart.PartNumber is not { } number || number < 1 || number > partCount)
            {
                continue;
            }

            var (offset, length) = PartPlanner.PartRange(source.Size, previous.PartSize, number);
            var etag = ETags.Normalize(serverPart.ETag);
            if (serverPart.Size != length)
            {
                continue;
            }

            if (remembered.TryGetValue(number, out var known) && known.ETag == etag)
            {
                confirmed.Add(known);
                continue;
            }

            var local = await Task.Run(() => FileSegmentStream.Md5OfRange(_handle, offset, length), cancellationToken).ConfigureAwait(false);
            if (ETags.ToHex(local) == etag)
            {
                confirmed.Add(new CheckpointPart(number, length, etag));
            }
        }

        return new ResumeDecision(previous with { Parts = confirmed }, source, null);
    }
}
