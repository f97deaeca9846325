namespace Cairn.Bench.Measure;

/// <summary>Evicts a directory tree's files from the page cache (clean pages only), so the next read of them hits the disk.</summary>
internal static class PageCache
{
    public static int Drop(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var files = 0;
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            try
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
                Native.DropFromPageCache(file.SafeFileHandle);
                files++;
            }
            catch (IOException)
            {
                // Deleted meanwhile (garbage collection): nothing to evict.
            }
        }

        return files;
    }
}
