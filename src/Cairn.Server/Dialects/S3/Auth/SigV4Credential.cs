using Cairn.Core.Errors;

namespace Cairn.Server.Dialects.S3.Auth;

/// <summary>
/// A parsed <c>AKID/yyyyMMdd/region/service/aws4_request</c> credential (docs/s3-compatibility.md "Signature V4 in
/// the Authorization header"); the service must be the one the endpoint verifies for ("s3", or "iam" for the admin API).
/// </summary>
internal sealed class SigV4Credential
{
    private SigV4Credential(string accessKeyId, string date, string region, string service)
    {
        AccessKeyId = accessKeyId;
        Date = date;
        Region = region;
        Service = service;
        Scope = $"{date}/{region}/{service}/{SigningKey.Terminator}";
    }

    public string AccessKeyId { get; }

    /// <summary>The scope day, <c>yyyyMMdd</c>.</summary>
    public string Date { get; }

    /// <summary>Whatever region the client signed with; the key is derived with it.</summary>
    public string Region { get; }

    /// <summary>The service the scope names.</summary>
    public string Service { get; }

    /// <summary><c>date/region/service/aws4_request</c>.</summary>
    public string Scope { get; }

    /// <summary>
    /// The service a credential's scope names (its fourth '/'-separated part), without validating anything else;
    /// null when there is none. Lets a request be sent to the API it was signed for before it is verified.
    /// </summary>
    public static string? ServiceOf(string value)
    {
        var parts = value.Trim().Split('/');
        return parts.Length == 5 ? parts[3] : null;
    }

    /// <summary>
    /// Parses the credential for <paramref name="service"/>; failures throw <paramref name="error"/> (header vs query
    /// auth use different codes).
    /// </summary>
    public static SigV4Credential Parse(string value, ErrorCode error, string service)
    {
        var parts = value.Trim().Split('/');
        if (parts.Length != 5 || parts[0].Length == 0)
        {
            throw new CairnException(error,
                $"The credential '{value}' is malformed; expecting '<AccessKeyId>/<YYYYMMDD>/<Region>/{service}/aws4_request'.");
        }

        var date = parts[1];
        if (date.Length != 8 || !date.All(char.IsAsciiDigit))
        {
            throw new CairnException(error, $"Invalid credential date '{date}'. This date is not the expected format yyyyMMdd.");
        }

        if (parts[2].Length == 0)
        {
            throw new CairnException(error, "The credential is malformed; the region is empty.");
        }

        if (parts[3] != service)
        {
            throw new CairnException(error, $"The credential is malformed; incorrect service '{parts[3]}'. This endpoint belongs to '{service}'.");
        }

        if (parts[4] != SigningKey.Terminator)
        {
            throw new CairnException(error, $"The credential is malformed; incorrect terminal '{parts[4]}'. This endpoint uses 'aws4_request'.");
        }

        return new SigV4Credential(parts[0], date, parts[2], service);
    }

    /// <summary>The scope day must be the day of the request time (x-amz-date / X-Amz-Date).</summary>
    public void RequireDateOf(string amzDate, ErrorCode error)
    {
        if (!amzDate.AsSpan(0, 8).SequenceEqual(Date))
        {
            throw new CairnException(error,
                $"Invalid credential date. Date is not the same as X-Amz-Date: '{Date}' vs '{amzDate[..8]}'.");
        }
    }
}
