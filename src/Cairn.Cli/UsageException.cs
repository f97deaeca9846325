namespace Cairn.Cli;

/// <summary>A mistake in the command line or configuration; reported without a stack trace, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
