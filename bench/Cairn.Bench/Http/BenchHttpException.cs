using System.Net;

namespace Cairn.Bench.Http;

/// <summary>A request the bench sent was answered with an unexpected status (the message carries the start of the body).</summary>
internal sealed class BenchHttpException(string message, HttpStatusCode status) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;
}
