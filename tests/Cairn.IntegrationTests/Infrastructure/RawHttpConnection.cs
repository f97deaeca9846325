using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Cairn.IntegrationTests.Infrastructure;

/// <summary>
/// One HTTP/1.1 connection on a plain socket, for behaviour that <see cref="HttpClient"/> hides: requests written
/// byte for byte (header values in any encoding, bodies cut short or sent late), responses read with their
/// header values as the raw bytes sent, and whether the server closed the connection afterwards.
/// </summary>
public sealed class RawHttpConnection : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly List<byte> _pending = [];

    private RawHttpConnection(TcpClient tcp, Uri baseAddress)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<RawHttpConnection> OpenAsync(Uri baseAddress)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(IPAddress.Loopback, baseAddress.Port);
        return new RawHttpConnection(tcp, baseAddress);
    }

    /// <summary>
    /// The head of a SigV4-signed request: request line, Host, Content-Length (when given), the extra headers
    /// and the signature headers. Header values are signed as the text given and written with
    /// <paramref name="valueEncoding"/> (Latin-1 by default: one byte per character).
    /// </summary>
    public static byte[] SignedHead(
        RawS3Signer signer,
        string method,
        Uri uri,
        IEnumerable<KeyValuePair<string, string>>? headers = null,
        long? contentLength = null,
        string payloadHash = RawS3Signer.UnsignedPayload,
        Encoding? valueEncoding = null)
    {
        var extra = (headers ?? []).ToList();
        var host = uri.Authority;
        var auth = signer.CreateAuthorizationHeaders(method, uri, host, extra, payloadHash, DateTimeOffset.UtcNow, out _);
        var encoding = valueEncoding ?? Encoding.Latin1;
        using var head = new MemoryStream();
        void Line(string name, string value)
        {
            head.Write(Encoding.ASCII.GetBytes(name + ": "));
            head.Write(encoding.GetBytes(value));
            head.Write("\r\n"u8);
        }

        head.Write(Encoding.ASCII.GetBytes($"{method} {uri.PathAndQuery} HTTP/1.1\r\n"));
        Line("Host", host);
        if (contentLength is { } length)
        {
            Line("Content-Length", length.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var (name, value) in extra.Concat(auth))
        {
            Line(name, value);
        }

        head.Write("\r\n"u8);
        return head.ToArray();
    }

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Writes bytes the server may already have stopped reading; a closed connection is not an error here.</summary>
    public async Task WriteIgnoringCloseAsync(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            await WriteAsync(bytes);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>
    /// Reads the next final response (interim 1xx responses are skipped and counted). <paramref name="head"/>
    /// says the request was a HEAD, whose response has no body whatever its Content-Length.
    /// </summary>
    public async Task<RawHttpResponse> ReadResponseAsync(bool head = false, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var interim = 0;
        while (true)
        {
            var headerBlock = await ReadUntilAsync("\r\n\r\n"u8.ToArray(), cts.Token)
                ?? throw new IOException("The connection closed before a complete response head arrived.");
            var lines = SplitLines(headerBlock);
            var statusLine = Encoding.ASCII.GetString(lines[0]);
            var status = int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
            var headers = new List<KeyValuePair<string, byte[]>>();
            foreach (var line in lines.Skip(1))
            {
                var colon = Array.IndexOf(line, (byte)':');
                var name = Encoding.ASCII.GetString(line, 0, colon);
                var value = line.AsSpan(colon + 1).Trim((byte)' ').ToArray();
                headers.Add(new(name, value));
            }

            if (status is >= 100 and < 200)
            {
                interim++;
                continue;
            }

            var response = new RawHttpResponse(status, headers, [], interim);
            byte[] body = [];
            if (!head && status is not (204 or 304))
            {
                if (response.Header("Transfer-Encoding")?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)
                {
                    body = await ReadChunkedAsync(cts.Token);
                }
                else if (response.Header("Content-Length") is { } length)
                {
                    body = await ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture), cts.Token);
                }
            }

            return response with { Body = body };
        }
    }

    /// <summary>
    /// Waits for the server to close the connection (end of stream or reset); false when it is still open after
    /// <paramref name="timeout"/>. Bytes arriving instead of the close fail the test.
    /// </summary>
    public async Task<bool> WaitForCloseAsync(TimeSpan timeout)
    {
        if (_pending.Count > 0)
        {
            Assert.Fail($"Unexpected bytes after the response: {Encoding.Latin1.GetString(_pending.ToArray())}");
        }

        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[4096];
        try
        {
            var read = await _stream.ReadAsync(buffer, cts.Token);
            if (read > 0)
            {
                Assert.Fail($"Unexpected bytes instead of a close: {Encoding.Latin1.GetString(buffer, 0, read)}");
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true; // reset by the server
        }
    }

    public ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        return ValueTask.CompletedTask;
    }

    private static List<byte[]> SplitLines(byte[] block)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i + 1 < block.Length; i++)
        {
            if (block[i] == '\r' && block[i + 1] == '\n')
            {
                if (i > start)
                {
                    lines.Add(block[start..i]);
                }

                start = i + 2;
                i++;
            }
        }

        return lines;
    }

    /// <summary>Bytes up to and including <paramref name="terminator"/>; null when the stream ends first.</summary>
    private async Task<byte[]?> ReadUntilAsync(byte[] terminator, CancellationToken cancellationToken)
    {
        while (true)
        {
            var index = _pending.ToArray().AsSpan().IndexOf(terminator);
            if (index >= 0)
            {
                var result = _pending.GetRange(0, index + terminator.Length).ToArray();
                _pending.RemoveRange(0, index + terminator.Length);
                return result;
            }

            if (!await FillAsync(cancellationToken))
            {
                return null;
            }
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        while (_pending.Count < count)
        {
            if (!await FillAsync(cancellationToken))
            {
                throw new IOException($"The connection closed after {_pending.Count} of {count} body bytes.");
            }
        }

        var result = _pending.GetRange(0, count).ToArray();
        _pending.RemoveRange(0, count);
        return result;
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadUntilAsync("\r\n"u8.ToArray(), cancellationToken)
                ?? throw new IOException("The connection closed inside a chunked body.");
            var size = int.Parse(Encoding.ASCII.GetString(sizeLine).Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                await ReadUntilAsync("\r\n"u8.ToArray(), cancellationToken);
                return body.ToArray();
            }

            body.Write(await ReadExactlyAsync(size, cancellationToken));
            await ReadExactlyAsync(2, cancellationToken);
        }
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        var read = await _stream.ReadAsync(buffer, cancellationToken);
        if (read == 0)
        {
            return false;
        }

        _pending.AddRange(buffer.AsSpan(0, read));
        return true;
    }
}

/// <summary>A response read by <see cref="RawHttpConnection"/>: header values are the bytes the server sent.</summary>
public sealed record RawHttpResponse(int Status, IReadOnlyList<KeyValuePair<string, byte[]>> Headers, byte[] Body, int InterimResponses)
{
    /// <summary>The raw bytes of the first header called <paramref name="name"/>; null when absent.</summary>
    public byte[]? HeaderBytes(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The first header called <paramref name="name"/>, one character per byte; null when absent.</summary>
    public string? Header(string name) => HeaderBytes(name) is { } bytes ? Encoding.Latin1.GetString(bytes) : null;

    /// <summary>Whether the response announced that the server closes the connection after it.</summary>
    public bool ClosesConnection => Header("Connection")?.Contains("close", StringComparison.OrdinalIgnoreCase) == true;

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The error code of an S3 error body (which must be well-formed XML).</summary>
    public string ErrorCode()
    {
        try
        {
            return System.Xml.Linq.XElement.Parse(BodyText).Element("Code")?.Value ?? "(no Code)";
        }
        catch (System.Xml.XmlException e)
        {
            throw new Xunit.Sdk.XunitException($"The error body is not well-formed XML ({e.Message}): {BodyText}");
        }
    }

    public override string ToString() =>
        $"{Status} [{string.Join(", ", Headers.Select(h => h.Key + ": " + Encoding.Latin1.GetString(h.Value)))}] "
        + (BodyText.Length > 2000 ? BodyText[..2000] + "..." : BodyText);
}
