using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Cairn.IntegrationTests.Infrastructure;
using Cairn.Tests.Shared;

namespace Cairn.IntegrationTests.Sdk;

/// <summary>
/// A client that announces a large body and disconnects after a fraction of it, written on a raw socket:
/// nothing may be stored, no temp file may stay behind, and no blob file may be left for GC.
/// </summary>
public sealed class IncompleteBodyTests : SdkTestBase, IClassFixture<CairnServerFixture>
{
    public IncompleteBodyTests(CairnServerFixture fixture)
        : base(fixture)
    {
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task PutObject_BodyShorterThanContentLength_StoresNothingAndLeavesNoTempFile(bool overExisting)
    {
        var bucket = await CreateBucketAsync("short-body");
        if (overExisting)
        {
            await PutTextAsync(bucket, "cut", "previous version");
        }

        await Fixture.Host.CollectGarbageAsync(CancellationToken.None);
        var blobsBefore = DataDirectoryInspector.BlobFiles(Fixture.DataDirectory).Count;

        await SendTruncatedPutAsync(bucket, "cut", announced: 1_000_000, sent: 1_000);

        var left = await DataDirectoryInspector.WaitForEmptyTempAsync(Fixture.DataDirectory, TimeSpan.FromSeconds(10));
        Assert.True(left.Count == 0, "temp files left after the client disconnected: " + string.Join(", ", left));
        if (overExisting)
        {
            Assert.Equal("previous version", await GetTextAsync(bucket, "cut"));
        }
        else
        {
            Assert.False(await ExistsAsync(bucket, "cut"));
            Assert.Empty(await ListAllKeysAsync(bucket));
        }

        await Fixture.Host.CollectGarbageAsync(CancellationToken.None);
        Assert.Equal(blobsBefore, DataDirectoryInspector.BlobFiles(Fixture.DataDirectory).Count);
    }

    [Fact]
    public async Task PutObject_AfterAnInterruptedUpload_ServerStillServesRequests()
    {
        var bucket = await CreateBucketAsync("after-cut");
        await SendTruncatedPutAsync(bucket, "cut", announced: 5_000_000, sent: 64 * 1024);

        await PutTextAsync(bucket, "next", "fine");

        Assert.Equal("fine", await GetTextAsync(bucket, "next"));
    }

    /// <summary>
    /// Writes a signed PUT (UNSIGNED-PAYLOAD) announcing <paramref name="announced"/> bytes, sends only
    /// <paramref name="sent"/>, then closes the connection.
    /// </summary>
    private async Task SendTruncatedPutAsync(string bucket, string key, int announced, int sent)
    {
        var tempBefore = DataDirectoryInspector.TempFiles(Fixture.DataDirectory);
        var uri = Raw.Url(RawS3Client.ObjectPath(bucket, key));
        var host = uri.Authority;
        var auth = Raw.Signer.CreateAuthorizationHeaders("PUT", uri, host, [], RawS3Signer.UnsignedPayload, DateTimeOffset.UtcNow, out _);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"PUT {uri.PathAndQuery} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {host}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {announced}\r\n");
        foreach (var (name, value) in auth)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append("\r\n");

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, uri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(DeterministicStream.Slice(3, 0, sent));
        await stream.FlushAsync();
        await Eventually.TrueAsync(
            () => DataDirectoryInspector.TempFiles(Fixture.DataDirectory).Except(tempBefore).Any(),
            TimeSpan.FromSeconds(10),
            () => "the server never started streaming the body into a temp file");
        tcp.Client.Shutdown(SocketShutdown.Both);
        tcp.Close();
    }
}
