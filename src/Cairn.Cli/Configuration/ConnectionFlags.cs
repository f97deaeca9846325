namespace Cairn.Cli.Configuration;

/// <summary>The connection-related flags as given on the command line (null when absent).</summary>
internal sealed record ConnectionFlags(string? Endpoint, string? AccessKey, string? SecretKey, string? Region, string? Profile);
