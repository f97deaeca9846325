using System.Text;
using Cairn.Core.Errors;
using Cairn.Core.PostPolicies;

namespace Cairn.Core.Tests.PostPolicies;

/// <summary>
/// <see cref="PostPolicy"/> reads a browser upload's policy document and judges a form against it: a broken document
/// is InvalidPolicyDocument; an expired policy, a failed condition or a field no condition names is AccessDenied with
/// a message naming it, as a developer debugging a form needs.
/// </summary>
public sealed class PostPolicyTests
{
    private static readonly DateTimeOffset Now = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static PostPolicy Parse(string json) =>
        PostPolicy.Parse(Convert.ToBase64String(Encoding.UTF8.GetBytes(json)), field => field != "bucket");

    private static string Policy(params string[] conditions) =>
        "{\"expiration\": \"2024-05-01T13:00:00.000Z\", \"conditions\": [" + string.Join(",", conditions) + "]}";

    private static Dictionary<string, string> Fields(params (string Name, string Value)[] fields) =>
        fields.ToDictionary(f => f.Name, f => f.Value, StringComparer.OrdinalIgnoreCase);

    private static CairnException Refusal(PostPolicy policy, Dictionary<string, string> fields, DateTimeOffset? now = null) =>
        Assert.Throws<CairnException>(() => policy.Check(fields, fields.Keys, now ?? Now));

    [Fact]
    public void A_form_meeting_every_condition_passes()
    {
        var policy = Parse(Policy(
            "{\"bucket\": \"photos\"}", "[\"starts-with\", \"$key\", \"uploads/\"]", "[\"eq\", \"$acl\", \"private\"]",
            "[\"starts-with\", \"$Content-Type\", \"image/\"]", "[\"content-length-range\", 1, 1048576]"));

        policy.Check(
            Fields(("bucket", "photos"), ("key", "uploads/a.jpg"), ("ACL", "private"), ("content-type", "image/jpeg")),
            ["key", "ACL", "content-type"], Now);

        Assert.Equal(new ContentLengthRange(1, 1048576), policy.LengthRange);
    }

    [Theory]
    [InlineData("{\"bucket\": \"photos\"}", "bucket", "videos", "[\"eq\", \"$bucket\", \"photos\"]")]
    [InlineData("[\"eq\", \"$key\", \"a.txt\"]", "key", "b.txt", "[\"eq\", \"$key\", \"a.txt\"]")]
    [InlineData("[\"starts-with\", \"$key\", \"uploads/\"]", "key", "other/a", "[\"starts-with\", \"$key\", \"uploads/\"]")]
    [InlineData("[\"starts-with\", \"$x-amz-meta-tag\", \"ok\"]", "x-amz-meta-tag", "nope", "[\"starts-with\", \"$x-amz-meta-tag\", \"ok\"]")]
    [InlineData("[\"starts-with\", \"$Content-Type\", \"image/\"]", "Content-Type", "image/png, text/html", "[\"starts-with\", \"$Content-Type\", \"image/\"]")]
    public void A_failed_condition_is_AccessDenied_naming_it(string condition, string field, string value, string named)
    {
        var error = Refusal(Parse(Policy(condition)), Fields((field, value)));

        Assert.Equal(ErrorCode.AccessDenied, error.Code);
        Assert.Equal("Invalid according to Policy: Policy Condition failed: " + named, error.Detail);
    }

    [Fact]
    public void A_starts_with_on_Content_Type_holds_when_every_listed_type_has_the_prefix()
    {
        Parse(Policy("[\"starts-with\", \"$Content-Type\", \"image/\"]"))
            .Check(Fields(("Content-Type", "image/png, image/jpeg")), ["Content-Type"], Now);
    }

    [Fact]
    public void A_field_the_form_lacks_compares_as_empty()
    {
        var policy = Parse(Policy("[\"starts-with\", \"$Content-Type\", \"\"]", "[\"eq\", \"$acl\", \"private\"]"));

        var error = Refusal(policy, Fields());

        Assert.Equal("Invalid according to Policy: Policy Condition failed: [\"eq\", \"$acl\", \"private\"]", error.Detail);
    }

    [Fact]
    public void A_submitted_field_no_condition_names_is_AccessDenied_naming_the_field()
    {
        var policy = Parse(Policy("[\"starts-with\", \"$key\", \"\"]"));

        var error = Refusal(policy, Fields(("key", "k"), ("x-amz-meta-foo", "bar")));

        Assert.Equal("Invalid according to Policy: Extra input fields: x-amz-meta-foo", error.Detail);
    }

    [Fact]
    public void An_expired_policy_is_AccessDenied_before_anything_else()
    {
        var policy = Parse(Policy("[\"eq\", \"$key\", \"a\"]"));

        var error = Refusal(policy, Fields(("key", "b")), Now.AddHours(2));

        Assert.Equal(ErrorCode.AccessDenied, error.Code);
        Assert.Equal("Invalid according to Policy: Policy expired.", error.Detail);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"conditions\": []}")]
    [InlineData("{\"expiration\": \"2024-05-01T13:00:00Z\"}")]
    [InlineData("{\"expiration\": \"tomorrow\", \"conditions\": []}")]
    [InlineData("{\"expiration\": \"2024-05-01T13:00:00Z\", \"conditions\": [[\"matches\", \"$key\", \"a\"]]}")]
    [InlineData("{\"expiration\": \"2024-05-01T13:00:00Z\", \"conditions\": [[\"eq\", \"key\", \"a\"]]}")]
    [InlineData("{\"expiration\": \"2024-05-01T13:00:00Z\", \"conditions\": [[\"starts-with\", \"$bucket\", \"a\"]]}")]
    [InlineData("{\"expiration\": \"2024-05-01T13:00:00Z\", \"conditions\": [[\"content-length-range\", 10, 1]]}")]
    [InlineData("{\"expiration\": \"2024-05-01T13:00:00Z\", \"conditions\": [[\"content-length-range\", -1, 1]]}")]
    [InlineData("{\"expiration\": \"2024-05-01T13:00:00Z\", \"conditions\": [{\"key\": \"a\", \"acl\": \"b\"}]}")]
    [InlineData("{\"expiration\": \"2024-05-01T13:00:00Z\", \"conditions\": [\"key\"]}")]
    public void A_document_breaking_the_grammar_is_InvalidPolicyDocument(string json)
    {
        var error = Assert.Throws<CairnException>(() => Parse(json));

        Assert.Equal(ErrorCode.InvalidPolicyDocument, error.Code);
    }

    [Fact]
    public void A_policy_that_is_not_base64_is_InvalidPolicyDocument()
    {
        var error = Assert.Throws<CairnException>(() => PostPolicy.Parse("%%%", _ => true));

        Assert.Equal(ErrorCode.InvalidPolicyDocument, error.Code);
    }

    [Fact]
    public void Content_length_range_bounds_may_be_strings_and_are_inclusive()
    {
        var range = Parse(Policy("[\"content-length-range\", \"5\", \"10\"]")).LengthRange!;

        range.CheckComplete(5);
        range.CheckComplete(10);
        Assert.Equal(ErrorCode.EntityTooLarge, Assert.Throws<CairnException>(() => range.CheckReceived(11)).Code);
        Assert.Equal(ErrorCode.EntityTooSmall, Assert.Throws<CairnException>(() => range.CheckComplete(4)).Code);
    }
}
