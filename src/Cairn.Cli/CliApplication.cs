using System.CommandLine;
using System.Runtime.InteropServices;
using Cairn.Cli.Commands;
using Cairn.Cli.Configuration;

namespace Cairn.Cli;

/// <summary>
/// Builds the <c>cairn</c> command tree and runs it. Ctrl-C and SIGTERM cancel the running command's token
/// (a file copy then keeps its checkpoint and says how to resume); a second Ctrl-C ends the process at once.
/// </summary>
public static class CliApplication
{
    public static async Task<int> RunAsync(string[] args)
    {
        using var interrupt = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            if (!interrupt.IsCancellationRequested)
            {
                // Not printed here: a progress display may own the terminal; the command reports the pause.
                context.Cancel = true;
                interrupt.Cancel();
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        return await RunAsync(args, Console.Out, Console.Error, ConnectionResolver.FromProcess(), interrupt.Token).ConfigureAwait(false);
    }

    internal static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, ConnectionResolver resolver, CancellationToken cancellationToken)
    {
        var runner = new CommandRunner(new GlobalOptions(), output, error, resolver);
        var parse = Build(runner).Parse(args);
        // System.CommandLine would print the full help after its (multi-line) errors and exit 1; a usage error
        // is one line and exit code 2 here, like every other usage error.
        if (ParseErrors.Describe(parse) is { } problem)
        {
            return Task.FromResult(runner.ReportParseError(parse, problem));
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return parse.InvokeAsync(configuration, cancellationToken);
    }

    internal static RootCommand Build(CommandRunner runner)
    {
        var globals = runner.Globals;
        var root = new RootCommand("cairn — resumable uploads, parallel downloads and bucket tools for Cairn and other S3-compatible stores.");
        globals.AddTo(root);
        root.Subcommands.Add(CopyCommand.Create(runner));
        root.Subcommands.Add(ListCommand.Create(runner));
        root.Subcommands.Add(BucketCommands.CreateMakeBucket(runner));
        root.Subcommands.Add(BucketCommands.CreateRemoveBucket(runner));
        root.Subcommands.Add(RemoveCommand.Create(runner));
        root.Subcommands.Add(MultipartCommands.CreateUploads(runner));
        root.Subcommands.Add(MultipartCommands.CreateParts(runner));
        root.Subcommands.Add(MultipartCommands.CreateAbort(runner));
        root.Subcommands.Add(PresignCommand.Create(runner));
        root.Subcommands.Add(ShareCommand.Create(runner));
        root.Subcommands.Add(AclCommands.Create(runner));
        root.Subcommands.Add(PolicyCommands.Create(runner));
        root.Subcommands.Add(LifecycleCommands.Create(runner));
        root.Subcommands.Add(TagCommands.Create(runner));
        root.Subcommands.Add(AdminCommand.Create(runner));
        return root;
    }
}
