namespace Cairn.Client.Retry;

/// <summary>
/// The server's ETag for a part differs from the MD5 computed while sending it: the bytes were damaged on the
/// way. Retryable, because the next attempt reads the part from the source again.
/// </summary>
public sealed class PartIntegrityException(string message) : IOException(message);
