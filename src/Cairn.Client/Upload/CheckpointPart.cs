namespace Cairn.Client.Upload;

/// <summary>A part the server acknowledged: its number, size and ETag (the hex MD5 of its bytes).</summary>
public sealed record CheckpointPart(int PartNumber, long Size, string ETag);
