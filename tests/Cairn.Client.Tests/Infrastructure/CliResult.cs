using System.Text.Json;

namespace Cairn.Client.Tests.Infrastructure;

/// <summary>Exit code and output of a finished CLI run.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    /// <summary>The first transfer of a <c>cp --json</c> summary.</summary>
    public JsonElement Transfer => Json.GetProperty("transfers")[0];

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
