namespace Cairn.IntegrationTests.Clients.AliOss;

/// <summary>One callback request as the app server saw it; <see cref="Problem"/> is null when its signature verified.</summary>
public sealed record ReceivedCallback(
    string Path, string Query, string? ContentType, string Body, IReadOnlyDictionary<string, string> Form, string? KeyUrl, string? Problem);
