namespace Cairn.Cli;

/// <summary>
/// Process exit codes, stable for scripts: anything but 0 is a failure, and the value says which kind, so a
/// wrapper can retry a paused or network-failed copy but not a usage error.
/// </summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The operation failed (server error, network gone after all retries, missing object...).</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments or configuration (no credentials, unparseable size, two s3:// paths...).</summary>
    public const int Usage = 2;

    /// <summary>
    /// A recursive copy left some files out (each named in a warning) and copied the rest: the value aws cli
    /// uses for the same outcome, so scripts written for one work with the other.
    /// </summary>
    public const int FilesSkipped = 2;

    /// <summary>Data transferred but it does not match the server's ETag or checksum.</summary>
    public const int VerificationFailed = 3;

    /// <summary>
    /// <c>cairn admin verify</c> ran and the store still has faults (orphan blobs, rows whose data is missing):
    /// distinct from <see cref="Failure"/>, where the verify itself could not run.
    /// </summary>
    public const int FaultsFound = 4;

    /// <summary>Stopped by Ctrl-C / SIGTERM; a file transfer's checkpoint is kept, run the same command to resume.</summary>
    public const int Interrupted = 130;
}
