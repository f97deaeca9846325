using Cairn.Cli.Output;
using Cairn.Client;

namespace Cairn.Cli.Commands;

/// <summary>The parsed <c>cp</c> command: what to copy where, and with which transfer settings.</summary>
internal sealed record CopyPlan
{
    public required string Source { get; init; }

    public required string Destination { get; init; }

    public required bool Recursive { get; init; }

    public required TransferOptions Options { get; init; }

    public required string CheckpointDirectory { get; init; }

    public required TransferDisplay Display { get; init; }
}
