using Cairn.Core.Model;

namespace Cairn.Core.Multipart;

/// <summary>
/// An object built from an upload, to be committed only if nothing it was built from changed meanwhile: the upload
/// still exists and each part its segments name (part number) still holds the segment's blob.
/// </summary>
/// <param name="UploadId">The upload being completed.</param>
/// <param name="Record">The object to make visible; its segments name the parts (and their blobs) it was built from.</param>
/// <param name="PartListHash">Fingerprint of the client's list (<see cref="PartListHash"/>), remembered for retries.</param>
/// <param name="Condition">The client's write condition, checked again in the committing transaction.</param>
public sealed record UploadCompletion(string UploadId, ObjectRecord Record, string PartListHash, WriteCondition Condition);
