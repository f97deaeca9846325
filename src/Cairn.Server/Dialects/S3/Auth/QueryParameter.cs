namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>One query parameter as sent (<see cref="RawName"/>, <see cref="RawValue"/>) and decoded ('+' as space).</summary>
internal readonly record struct QueryParameter(string RawName, string RawValue, string Name, string Value);
