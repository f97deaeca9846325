namespace Cairn.Core.Ports;

/// <summary>Pending work in the metadata store at one moment.</summary>
/// <param name="UploadsInProgress">Multipart uploads created and neither completed nor aborted.</param>
/// <param name="QueuedGarbage">Blobs no object or part references any more, waiting for the collector.</param>
public sealed record StoreStatistics(long UploadsInProgress, long QueuedGarbage);
