using System.CommandLine;
using Amazon.Runtime;
using Amazon.S3;
using Cairn.Cli.Configuration;
using Cairn.Cli.Output;
using Cairn.Client;
using Cairn.Client.Iam;

namespace Cairn.Cli;

/// <summary>
/// Runs a command's body and turns every failure into one short message and an exit code (see
/// <see cref="ExitCodes"/>): people get "cairn: error: ..." instead of a stack trace, scripts get a status.
/// </summary>
internal sealed class CommandRunner
{
    private readonly GlobalOptions _globals;
    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private readonly ConnectionResolver _resolver;

    public CommandRunner(GlobalOptions globals, TextWriter output, TextWriter error, ConnectionResolver resolver)
    {
        _globals = globals;
        _out = output;
        _error = error;
        _resolver = resolver;
    }

    public GlobalOptions Globals => _globals;

    /// <summary>Sets <paramref name="command"/>'s action to run <paramref name="body"/> under this runner.</summary>
    public void Bind(Command command, Func<CommandContext, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, cancellationToken) => RunAsync(parse, body, cancellationToken));

    /// <summary>
    /// Reports a command line that did not parse (<paramref name="problem"/>, from <see cref="ParseErrors"/>) as a
    /// usage error. Without a recognised command the short usage comes first, as the user may not know the commands.
    /// </summary>
    public int ReportParseError(ParseResult parse, string problem)
    {
        var output = new CliOutput(parse.GetValue(_globals.Json), _out, _error);
        if (ParseErrors.IsRoot(parse))
        {
            output.Note("usage: cairn <command> [arguments] [options]");
            output.Note("commands: " + string.Join(", ", parse.RootCommandResult.Command.Subcommands.Select(c => c.Name)));
        }

        output.Failure(problem, "Usage");
        output.Note($"Run '{ParseErrors.CommandPath(parse)} --help' for usage.");
        return ExitCodes.Usage;
    }

    private async Task<int> RunAsync(ParseResult parse, Func<CommandContext, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var output = new CliOutput(parse.GetValue(_globals.Json), _out, _error);
        var context = new CommandContext(parse, _globals, output, _resolver);
        try
        {
            return await body(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Interrupted();
            return ExitCodes.Interrupted;
        }
        catch (UsageException e)
        {
            output.Failure(e.Message, "Usage");
            return ExitCodes.Usage;
        }
        catch (TransferVerificationException e)
        {
            output.Failure(e.Message, "VerificationFailed");
            return ExitCodes.VerificationFailed;
        }
        catch (IamException e)
        {
            output.Failure($"{e.Message} ({e.Code})", e.Code);
            return ExitCodes.Failure;
        }
        catch (AmazonS3Exception e)
        {
            var (message, code) = await ServerErrors.DescribeAsync(e, context, cancellationToken).ConfigureAwait(false);
            output.Failure(message, code);
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            // Network failures after all retries, timeouts, missing files, a source changed mid-upload...: one line each.
            var detail = e is AmazonClientException or AmazonServiceException && e.InnerException is { } inner ? $" ({inner.Message})" : string.Empty;
            output.Failure(e.Message + detail);
            return ExitCodes.Failure;
        }
    }
}
