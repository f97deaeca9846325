namespace Cairn.Server.Dialects.Errors;

/// <summary>How one error code appears on the wire.</summary>
internal sealed record ErrorEntry(string Code, int Status, string Message);
