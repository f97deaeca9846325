namespace Cairn.Storage.FileSystem;

/// <summary>Another process (or another server in this one) holds the data directory's lock.</summary>
public sealed class DataDirectoryInUseException(string dataDirectory, string? holder, Exception inner)
    : IOException($"Data directory {dataDirectory} is locked by {holder ?? "another process"}.", inner)
{
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>What the holder wrote about itself, e.g. "pid 1234 on node1"; null when it could not be read.</summary>
    public string? Holder { get; } = holder;
}
