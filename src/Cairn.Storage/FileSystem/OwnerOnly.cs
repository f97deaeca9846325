namespace Cairn.Storage.FileSystem;

/// <summary>
/// Permissions of what Cairn creates in a data directory: the directory 0700 and every file 0600, since
/// cairn.db holds small objects' bytes and blob files the rest. Windows has no such modes; there the
/// helpers leave permissions to the directory's inherited ACLs.
/// </summary>
public static class OwnerOnly
{
    /// <summary>0600.</summary>
    public const UnixFileMode Files = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>0700.</summary>
    public const UnixFileMode Directories = Files | UnixFileMode.UserExecute;

    /// <summary>Every permission bit of group and others (mask 0077).</summary>
    public const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the directory (and missing parents) 0700; an existing directory keeps its mode.</summary>
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, Directories);
    }

    /// <summary>Makes a file these options create 0600, whatever the umask; an existing file keeps its mode.</summary>
    public static FileStreamOptions ForNewFile(FileStreamOptions options)
    {
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Files;
        }

        return options;
    }

    /// <summary>
    /// Creates an empty 0600 file unless one exists, for files another library creates with default
    /// permissions otherwise (SQLite gives its -wal and -shm files the database file's mode).
    /// </summary>
    public static void CreateFile(string path)
    {
        using var _ = new FileStream(path, ForNewFile(new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.Write,
            Share = FileShare.ReadWrite | FileShare.Delete,
        }));
    }

    /// <summary>
    /// Writes a 0600 file with <paramref name="contents"/> unless one is already at <paramref name="path"/>, safely
    /// when processes sharing the directory do it at once: the file is written whole under a temporary name, flushed,
    /// and then linked into place only if no file is there yet, so every process ends up reading the one that won.
    /// </summary>
    public static void CreateOnce(string path, string contents)
    {
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temp, ForNewFile(new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write })))
            using (var writer = new StreamWriter(file))
            {
                writer.Write(contents);
                writer.Flush();
                file.Flush(flushToDisk: true);
            }

            // Without overwriting: when another process got there first, its file stands and this one is dropped.
            File.Move(temp, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The mode of a file or directory when group or others have any permission on it, else null.</summary>
    public static UnixFileMode? LooserThanOwner(string path)
    {
        if (OperatingSystem.IsWindows() || !Path.Exists(path))
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & GroupOrOthers) != 0 ? mode : null;
    }

    /// <summary>The permission bits as octal digits, as ls and chmod spell them (e.g. 0755).</summary>
    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');
}
