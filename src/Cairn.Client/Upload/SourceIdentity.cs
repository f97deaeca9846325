namespace Cairn.Client.Upload;

/// <summary>
/// How a source file is recognised between runs: full path, size and last-write time. Cheap to check and catches
/// the usual edits; a same-size rewrite within the file system's timestamp resolution would go unnoticed, which is
/// why every part is also checked against its ETag and the final object against the md5-of-md5s.
/// </summary>
public sealed record SourceIdentity(string Path, long Size, DateTime LastWriteUtc)
{
    public static SourceIdentity Of(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException("Source file not found.", path);
        }

        return new SourceIdentity(info.FullName, info.Length, info.LastWriteTimeUtc);
    }
}
