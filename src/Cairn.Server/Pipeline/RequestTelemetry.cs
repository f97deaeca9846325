using Cairn.Core.Operations;

namespace Cairn.Server.Pipeline;

/// <summary>
/// What the request pipeline learns about a request that monitoring reports (operation, bucket, key, request id). Set
/// into the request's features by the observer around the pipeline and filled in by the pipeline as it goes, so
/// neither knows the other: a request that fails before routing simply leaves the fields empty.
/// </summary>
internal sealed class RequestTelemetry
{
    private string? _actionName;

    public string? RequestId { get; set; }

    public Operation? Operation { get; private set; }

    /// <summary>What metrics and the request log call the request: the S3 operation, or the admin API action.</summary>
    public string? OperationName => _actionName ?? Operation?.ToString();

    public string? Bucket { get; private set; }

    public string? Key { get; private set; }

    /// <summary>Records where the router sent the request.</summary>
    public void Routed(Operation operation, string? bucket, string? key)
    {
        Operation = operation;
        Bucket = bucket;
        Key = key;
    }

    /// <summary>Records the admin API action a request calls ("iam:CreateUser").</summary>
    public void RoutedToAction(string name) => _actionName = name;
}
