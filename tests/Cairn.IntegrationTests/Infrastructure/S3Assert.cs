using System.Net;
using System.Xml.Linq;
using Amazon.S3;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>Assertions on S3 error responses, from the SDK and from raw HTTP.</summary>
public static class S3Assert
{
    /// <summary>
    /// Runs <paramref name="action"/> and asserts it fails with the given status and (when not null) error code;
    /// the SDK must also have seen a request id.
    /// </summary>
    public static async Task<AmazonS3Exception> ThrowsAsync(HttpStatusCode status, string? code, Func<Task> action)
    {
        // The SDK throws subclasses for modelled errors (NoSuchKeyException, BucketAlreadyOwnedByYouException...).
        var ex = await Assert.ThrowsAnyAsync<AmazonS3Exception>(action);
        Assert.True(
            status == ex.StatusCode && (code is null || code == ex.ErrorCode),
            $"expected {(int)status} {code}, got {(int)ex.StatusCode} {ex.ErrorCode}: {ex.Message}");
        Assert.False(string.IsNullOrEmpty(ex.RequestId), "the error carries no request id");
        return ex;
    }

    /// <summary>
    /// Asserts an S3 error response: status, <c>x-amz-request-id</c> header, and the body
    /// <c>&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;Resource/&gt;&lt;RequestId/&gt;&lt;/Error&gt;</c> without a
    /// namespace (docs/s3-compatibility.md "Errors"), whose RequestId equals the header. Returns the parsed body.
    /// </summary>
    public static async Task<XElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        var requestId = RequestId(response);
        Assert.False(string.IsNullOrEmpty(requestId), "no x-amz-request-id header on the error response");
        XElement root;
        try
        {
            root = XElement.Parse(text);
        }
        catch (System.Xml.XmlException e)
        {
            throw new Xunit.Sdk.XunitException($"error body is not XML ({e.Message}): {text}");
        }

        Assert.Equal(XName.Get("Error"), root.Name);
        Assert.Equal(code, root.Element("Code")?.Value);
        Assert.False(string.IsNullOrWhiteSpace(root.Element("Message")?.Value), "error body without Message: " + text);
        Assert.False(string.IsNullOrWhiteSpace(root.Element("Resource")?.Value), "error body without Resource: " + text);
        Assert.Equal(requestId, root.Element("RequestId")?.Value);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        Assert.True(mediaType is "application/xml" or "text/xml", "error Content-Type is " + mediaType);
        return root;
    }

    /// <summary>The <c>x-amz-request-id</c> header, or null.</summary>
    public static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amz-request-id", out var values) ? values.FirstOrDefault() : null;
}
