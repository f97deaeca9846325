namespace Cairn.Storage.FileSystem;

/// <summary>Another process (or another server in this one) with the same node id holds its lock on the data directory.</summary>
public sealed class DataDirectoryInUseException(string dataDirectory, string? holder)
    : IOException($"Data directory {dataDirectory} is locked by {holder ?? "another process"}.")
{
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>What the holder wrote about itself, e.g. "pid 1234 on host1, node node1"; null when it could not be read.</summary>
    public string? Holder { get; } = holder;
}
