namespace Cairn.Cli.Commands;

/// <summary>A file or object that a recursive <c>cp</c> left out, and why (reported by <c>cp --json</c> as <c>skipped</c>).</summary>
internal sealed record SkippedFile(string Path, string Reason);
