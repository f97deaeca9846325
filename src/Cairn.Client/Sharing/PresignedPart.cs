namespace Cairn.Client.Sharing;

/// <summary>One part of a presigned multipart upload: which bytes of the file to PUT to which URL.</summary>
public sealed record PresignedPart(int PartNumber, long Offset, long Length, Uri Url);
