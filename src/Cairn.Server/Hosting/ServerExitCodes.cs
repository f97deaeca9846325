namespace Cairn.Server.Hosting;

/// <summary>
/// Exit codes of the server process (documented in the README). Anything else is an unexpected failure
/// reported by the runtime with its stack trace.
/// </summary>
public static class ServerExitCodes
{
    /// <summary>Stopped normally (Ctrl-C, SIGTERM).</summary>
    public const int Stopped = 0;

    /// <summary>An unknown setting or flag, or a value that cannot be read.</summary>
    public const int ConfigurationError = 2;

    /// <summary>Another Cairn process holds the data directory's lock.</summary>
    public const int DataDirectoryInUse = 3;

    /// <summary>A listen address could not be bound (in use, not permitted).</summary>
    public const int CannotListen = 4;

    /// <summary>The metadata database (PostgreSQL) cannot be opened: unreachable, refused the login, or newer than this server.</summary>
    public const int MetadataUnavailable = 5;
}
