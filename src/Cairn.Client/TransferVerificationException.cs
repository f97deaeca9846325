namespace Cairn.Client;

/// <summary>
/// The transferred data does not match what the server says it stored (ETag or checksum mismatch). Not retried:
/// the bytes on one side are not the bytes on the other, and the caller must decide what to trust.
/// </summary>
public sealed class TransferVerificationException(string message) : Exception(message);
