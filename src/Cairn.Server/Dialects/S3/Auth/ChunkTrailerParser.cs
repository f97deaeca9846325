using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// Collects the trailer lines that follow the final zero-length chunk of an aws-chunked body (docs/s3-compatibility.md "Payload modes") and
/// verifies <c>x-amz-trailer-signature</c> in signed-trailer mode.
/// </summary>
internal sealed class ChunkTrailerParser
{
    private const int MaxLines = 16;

    private readonly IDictionary<string, string> _trailers;
    private readonly List<byte[]> _lines = [];
    private byte[]? _signature;

    public ChunkTrailerParser(IDictionary<string, string> trailers)
    {
        _trailers = trailers;
    }

    /// <summary>No trailer line (signature included) has been seen yet.</summary>
    public bool IsEmpty => _lines.Count == 0 && _signature is null;

    /// <summary>Parses one <c>name:value</c> line (without its line end). Names are stored lower-cased, values trimmed.</summary>
    public void AddLine(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
        {
            throw Malformed("A trailer line is not of the form name:value.");
        }

        var name = Encoding.UTF8.GetString(line[..colon]).Trim().ToLowerInvariant();
        var value = Encoding.UTF8.GetString(line[(colon + 1)..]).Trim();
        if (name.Length == 0)
        {
            throw Malformed("A trailer line has an empty name.");
        }

        if (name == AuthHeaders.AmzTrailerSignature)
        {
            var signature = new byte[32];
            if (_signature is not null || !Hex.TryDecode(value.AsSpan(), signature))
            {
                throw Malformed("The x-amz-trailer-signature is malformed or repeated.");
            }

            _signature = signature;
            return;
        }

        if (_lines.Count >= MaxLines)
        {
            throw Malformed("Too many trailer lines.");
        }

        _lines.Add(line.ToArray());
        _trailers[name] = value;
    }

    /// <summary>
    /// Ends the trailer section: with <paramref name="signer"/> (signed-trailer mode) the trailer signature must be
    /// present and valid; the trailer named by x-amz-trailer must have arrived.
    /// </summary>
    public void Complete(ChunkSigner? signer, string? declaredTrailer)
    {
        if (signer is not null)
        {
            if (_signature is null)
            {
                throw Malformed("The x-amz-trailer-signature trailer is missing.");
            }

            if (!VerifySignature(signer, _signature))
            {
                throw new CairnException(ErrorCode.SignatureDoesNotMatch,
                    "The trailer signature we calculated does not match the signature you provided.");
            }
        }

        if (declaredTrailer is not null && !_trailers.ContainsKey(declaredTrailer))
        {
            throw Malformed($"The trailer '{declaredTrailer}' named by x-amz-trailer was not sent.");
        }
    }

    /// <summary>
    /// The hashed trailer text is the trailer lines each ended by '\n' (docs/s3-compatibility.md "Payload modes"). Also accepted: the same text
    /// without its final '\n' (the .NET SDK, minio/minio#17662), and lines normalised to <c>name:value\n</c>.
    /// </summary>
    private bool VerifySignature(ChunkSigner signer, byte[] signature)
    {
        var raw = new List<byte>();
        var normalized = new StringBuilder();
        foreach (var line in _lines)
        {
            raw.AddRange(line);
            raw.Add((byte)'\n');
            var text = Encoding.UTF8.GetString(line);
            var colon = text.IndexOf(':');
            normalized.Append(text[..colon].Trim().ToLowerInvariant()).Append(':').Append(text[(colon + 1)..].Trim()).Append('\n');
        }

        var rawBytes = raw.ToArray();
        return signer.VerifyTrailer(rawBytes, signature)
            || (rawBytes.Length > 0 && signer.VerifyTrailer(rawBytes.AsSpan(0, rawBytes.Length - 1), signature))
            || signer.VerifyTrailer(Encoding.UTF8.GetBytes(normalized.ToString()), signature);
    }

    private static CairnException Malformed(string message) =>
        new(ErrorCode.MalformedTrailerError,
            "The request contained trailing data that was not well-formed or did not conform to our published schema. " + message);
}
