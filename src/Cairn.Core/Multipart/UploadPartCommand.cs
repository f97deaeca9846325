using Cairn.Core.Objects;

namespace Cairn.Core.Multipart;

/// <summary>One UploadPart request, parsed by the protocol layer.</summary>
public sealed record UploadPartCommand(string Bucket, string Key, string UploadId, int PartNumber, long? ContentLength, IntegrityExpectation Integrity);
