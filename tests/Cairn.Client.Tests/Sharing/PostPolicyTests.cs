using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cairn.Client.Sharing;

namespace Cairn.Client.Tests.Sharing;

/// <summary>
/// A POST policy form as a browser or SDK receives it: the policy document, the SigV4 fields, and a signature
/// checked against one computed here from the SigV4 definition (HMAC chain over the base64 policy).
/// </summary>
public sealed class PostPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly CairnConnection Connection = new()
    {
        Endpoint = new Uri("http://127.0.0.1:9000"),
        AccessKey = "AKIDEXAMPLE",
        SecretKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        Region = "eu-west-1",
    };

    [Fact]
    public void The_policy_lists_every_condition_and_the_signature_is_the_SigV4_HMAC_of_its_base64()
    {
        var form = new PostPolicy("media", Now.AddHours(1))
            .KeyStartsWith("uploads/alice/")
            .ContentLengthRange(0, 1024)
            .ContentType("image/png")
            .Metadata("owner", "alice")
            .SuccessActionStatus(201)
            .Sign(Connection, Now);

        Assert.Equal(new Uri("http://127.0.0.1:9000/media"), form.Url);
        Assert.Equal(
            ["key", "Content-Type", "x-amz-meta-owner", "success_action_status", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "policy", "x-amz-signature"],
            form.Fields.Select(f => f.Key));
        Assert.Equal("uploads/alice/${filename}", form["key"]);
        Assert.Equal("AKIDEXAMPLE/20260102/eu-west-1/s3/aws4_request", form["x-amz-credential"]);
        Assert.Equal("20260102T030405Z", form["x-amz-date"]);
        Assert.Equal(
            """{"expiration":"2026-01-02T04:04:05.000Z","conditions":[{"bucket":"media"},["starts-with","$key","uploads/alice/"],["content-length-range",0,1024],{"Content-Type":"image/png"},{"x-amz-meta-owner":"alice"},{"success_action_status":"201"},{"x-amz-algorithm":"AWS4-HMAC-SHA256"},{"x-amz-credential":"AKIDEXAMPLE/20260102/eu-west-1/s3/aws4_request"},{"x-amz-date":"20260102T030405Z"}]}""",
            Encoding.UTF8.GetString(Convert.FromBase64String(form["policy"]!)));
        Assert.Equal(ExpectedSignature(Connection.SecretKey, "20260102", "eu-west-1", form["policy"]!), form["x-amz-signature"]);
    }

    [Fact]
    public void Temporary_credentials_put_their_token_in_the_policy_and_in_the_form()
    {
        var temporary = Connection with { SessionToken = "session-token+/=" };

        var form = new PostPolicy("media", Now.AddMinutes(5)).Key("exact.bin").Sign(temporary, Now);

        Assert.Equal("session-token+/=", form["x-amz-security-token"]);
        using var policy = JsonDocument.Parse(Convert.FromBase64String(form["policy"]!));
        Assert.Contains(policy.RootElement.GetProperty("conditions").EnumerateArray(),
            c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("x-amz-security-token", out var token) && token.GetString() == "session-token+/=");
        Assert.Equal(ExpectedSignature(Connection.SecretKey, "20260102", "eu-west-1", form["policy"]!), form["x-amz-signature"]);
    }

    [Fact]
    public void The_form_round_trips_through_JSON_with_its_field_order()
    {
        var form = new PostPolicy("media", Now.AddDays(7)).KeyStartsWith("in/").Sign(Connection, Now);

        var json = form.ToJson();
        var back = JsonSerializer.Deserialize<PostForm>(json)!;

        Assert.StartsWith("""{"url":"http://127.0.0.1:9000/media","fields":{"key":"in/${filename}","x-amz-algorithm":""", json, StringComparison.Ordinal);
        Assert.Equal(form.Fields, back.Fields);
        Assert.Equal(form.Url, back.Url);
        Assert.Equal(form.Expiration, back.Expiration);
    }

    [Fact]
    public void A_policy_valid_for_more_than_seven_days_or_already_expired_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PostPolicy("media", Now.AddDays(7).AddSeconds(1)).Sign(Connection, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PostPolicy("media", Now).Sign(Connection, Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PostPolicy("media", Now.AddHours(1)).SuccessActionStatus(302));
    }

    /// <summary>SigV4 for POST: HMAC-SHA256 chain "AWS4"+secret → day → region → "s3" → "aws4_request", then over the base64 policy.</summary>
    private static string ExpectedSignature(string secret, string day, string region, string base64Policy)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secret), Encoding.UTF8.GetBytes(day));
        foreach (var part in new[] { region, "s3", "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(base64Policy)));
    }
}
