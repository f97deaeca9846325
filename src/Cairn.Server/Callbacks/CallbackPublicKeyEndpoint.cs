using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Cairn.Core.Errors;
using Cairn.Server.Dialects;
using Microsoft.AspNetCore.Http.Features;

namespace Cairn.Server.Callbacks;

/// <summary>
/// Serves the public half of <see cref="CallbackSigningKey"/>, anonymously, at
/// <c>/_cairn/oss/callback-public-key.pem</c> on the S3 and OSS listeners: the URL callbacks announce in
/// x-oss-pub-key-url unless <c>Cairn:Oss:Callback:PublicKeyUrl</c> names another. No bucket name starts with '_',
/// so in path style the address is nobody's object; a virtual-hosted request for the same path names a key and goes
/// to the bucket as usual.
/// </summary>
internal sealed class CallbackPublicKeyEndpoint(CallbackSigningKey key, DialectSelector dialects)
{
    public const string Path = "/_cairn/oss/callback-public-key.pem";

    private const string PemMediaType = "application/x-pem-file";

    public bool Is(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || request.Path.Value != Path)
        {
            return false;
        }

        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? Path;
        try
        {
            return !dialects.Select(request).Locate(rawTarget, request.Host.Value).VirtualHosted;
        }
        catch (CairnException)
        {
            return false;
        }
    }

    public async Task ServeAsync(HttpContext context)
    {
        var pem = System.Text.Encoding.ASCII.GetBytes(key.PublicKeyPem);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = PemMediaType;
        context.Response.ContentLength = pem.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(pem, context.RequestAborted);
        }
    }

    /// <summary>
    /// This endpoint's URL on the connection <paramref name="context"/> arrived on: its scheme and the local address
    /// and port, which the app server can reach when the uploading client could (the Host header may name a domain
    /// that resolves elsewhere, such as Alibaba's own endpoint names).
    /// </summary>
    public static string UrlOn(HttpContext context)
    {
        var address = context.Connection.LocalIpAddress ?? IPAddress.Loopback;
        address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? "[" + address + "]" : address.ToString();
        return $"{context.Request.Scheme}://{host}:{context.Connection.LocalPort.ToString(CultureInfo.InvariantCulture)}{Path}";
    }
}
