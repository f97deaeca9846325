using Cairn.Core.Errors;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// The parts of <c>AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...</c> (docs/s3-compatibility.md "Signature V4 in the Authorization header"): no comma
/// after the algorithm, commas between the parts, optional whitespace after them.
/// </summary>
internal sealed class SigV4Authorization
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    private SigV4Authorization(SigV4Credential credential, string[] signedHeaders, string signature)
    {
        Credential = credential;
        SignedHeaders = signedHeaders;
        Signature = signature;
    }

    public SigV4Credential Credential { get; }

    /// <summary>Lower-cased header names in the order the client listed them.</summary>
    public string[] SignedHeaders { get; }

    /// <summary>The signature as sent (hex).</summary>
    public string Signature { get; }

    /// <summary>Parses the header of a request signed for <paramref name="service"/>.</summary>
    public static SigV4Authorization Parse(string header, string service)
    {
        const ErrorCode malformed = ErrorCode.AuthorizationHeaderMalformed;
        var rest = header.AsSpan(Algorithm.Length).Trim();
        string? credential = null, signedHeaders = null, signature = null;
        foreach (var range in rest.Split(','))
        {
            var part = rest[range].Trim();
            if (part.IsEmpty)
            {
                continue;
            }

            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                throw new CairnException(malformed, $"The authorization header is malformed; '{part}' is not a key=value pair.");
            }

            var key = part[..equals].Trim();
            var value = part[(equals + 1)..].Trim().ToString();
            if (key.SequenceEqual("Credential"))
            {
                credential = value;
            }
            else if (key.SequenceEqual("SignedHeaders"))
            {
                signedHeaders = value;
            }
            else if (key.SequenceEqual("Signature"))
            {
                signature = value;
            }
        }

        if (credential is null || signedHeaders is null || signature is null)
        {
            throw new CairnException(malformed,
                "The authorization header is malformed; it must contain Credential, SignedHeaders and Signature.");
        }

        return new SigV4Authorization(SigV4Credential.Parse(credential, malformed, service), ParseSignedHeaders(signedHeaders, malformed), signature);
    }

    /// <summary>Splits <c>host;x-amz-date</c>; <c>host</c> must be among them (docs/s3-compatibility.md "Signature V4 in the Authorization header").</summary>
    public static string[] ParseSignedHeaders(string value, ErrorCode error)
    {
        var names = value.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = names[i].ToLowerInvariant();
        }

        if (!names.Contains(AuthHeaders.HostLower))
        {
            throw new CairnException(error, "The host header must be signed (SignedHeaders does not contain 'host').");
        }

        return names;
    }
}
