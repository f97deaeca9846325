using Cairn.Storage.FileSystem;

namespace Cairn.Server.Hosting;

/// <summary>
/// The start-up check of the data directory's permissions. Cairn creates the directory 0700 and its files
/// 0600; a directory or database made earlier (or by the operator) may be open to others, and is reported
/// rather than changed: the operator may have reasons, and chmod is theirs to run.
/// </summary>
internal static partial class DataDirectoryPermissions
{
    public static void WarnIfLoose(string dataDirectory, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(DataDirectoryPermissions));
        Check(logger, dataDirectory, OwnerOnly.Directories);
        Check(logger, Path.Combine(dataDirectory, CairnHost.DatabaseFileName), OwnerOnly.Files);
    }

    private static void Check(ILogger logger, string path, UnixFileMode expected)
    {
        if (OwnerOnly.LooserThanOwner(path) is { } mode)
        {
            Log.OpenToOthers(logger, path, OwnerOnly.Octal(mode), OwnerOnly.Octal(expected));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
            Message = "{Path} has mode {Mode}: group and others have access to stored data (expected {Expected}; chmod {Expected} to fix)")]
        public static partial void OpenToOthers(ILogger logger, string path, string mode, string expected);
    }
}
