namespace Cairn.Server.Hosting;

/// <summary>
/// The server cannot start for a reason the operator can fix. The message is one line meant for them
/// (Program prints it after "cairn: "), and <see cref="ExitCode"/> is one of <see cref="ServerExitCodes"/>.
/// </summary>
public sealed class ServerStartException(int exitCode, string message, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
