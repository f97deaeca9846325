namespace Cairn.Cli.Paths;

/// <summary>
/// The files a recursive upload sends, and the ones it has to leave out. Links are followed (to files and to
/// folders), as other S3 tools do by default; what cannot be read is reported through a callback and skipped,
/// so one bad entry does not stop the copy of all the others.
/// </summary>
internal static class LocalTree
{
    /// <summary>
    /// Every file under <paramref name="root"/>, sorted by path. A folder that cannot be listed, and a link to a
    /// folder the walk is already inside (it would repeat forever), go to <paramref name="skip"/> with the reason.
    /// </summary>
    public static List<string> Files(string root, Action<string, string> skip)
    {
        var files = new List<string>();
        // Each folder carries the folders above it, as walked and as their links resolve, to recognise a loop.
        var pending = new Stack<(string Folder, string[] Above)>();
        pending.Push((root, [root]));
        while (pending.TryPop(out var entry))
        {
            var (folder, above) = entry;
            try
            {
                files.AddRange(Directory.EnumerateFiles(folder));
                foreach (var child in Directory.EnumerateDirectories(folder))
                {
                    string? target;
                    try
                    {
                        target = new DirectoryInfo(child).ResolveLinkTarget(returnFinalTarget: true)?.FullName;
                    }
                    catch (IOException e)
                    {
                        skip(child, e.Message);
                        continue;
                    }

                    if (target is not null && above.Any(a => a == target || a.StartsWith(target + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                    {
                        skip(child, $"a link to {target}, which contains it (following it would never end)");
                        continue;
                    }

                    pending.Push((child, target is null ? [.. above, child] : [.. above, child, target]));
                }
            }
            catch (UnauthorizedAccessException)
            {
                skip(folder, "folder not readable (permission denied)");
            }
            catch (IOException e)
            {
                skip(folder, e.Message);
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>Why <paramref name="file"/> cannot be uploaded (opened for reading), or null when it can.</summary>
    public static string? Unreadable(string file)
    {
        try
        {
            using var handle = File.OpenHandle(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return "file not readable (permission denied)";
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new FileInfo(file).LinkTarget is { } link ? $"broken link to {link}" : "the file no longer exists";
        }
        catch (IOException e)
        {
            return e.Message;
        }
    }
}
