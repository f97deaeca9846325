namespace Cairn.Client;

/// <summary>
/// The source file changed while it was being uploaded. The upload is aborted (its parts would mix two versions
/// of the file) and its checkpoint removed, so running the same transfer again starts from the new content.
/// </summary>
public sealed class SourceChangedException(string message) : Exception(message);
