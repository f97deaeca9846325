using Cairn.Core.Lifecycle;
using Cairn.Server.Dialects;

namespace Cairn.Server.Tests.Dialects.Lifecycle;

/// <summary>The deadline headers' text: S3's date form, and rule IDs of any characters made safe for a header.</summary>
public sealed class LifecycleHeaderValuesTests
{
    [Fact]
    public void The_expiration_value_has_S3s_form()
    {
        var deadline = new LifecycleDeadline(new DateTimeOffset(2018, 10, 14, 0, 0, 0, TimeSpan.Zero), "expire-logs");

        Assert.Equal("expiry-date=\"Sun, 14 Oct 2018 00:00:00 GMT\", rule-id=\"expire-logs\"", LifecycleHeaderValues.Expiration(deadline));
    }

    [Theory]
    [InlineData("a \"quoted\" id", "a%20%22quoted%22%20id")]
    [InlineData("line\r\nbreak", "line%0D%0Abreak")]
    [InlineData("ünïcode/π", "%C3%BCn%C3%AFcode%2F%CF%80")]
    public void A_rule_id_travels_URL_encoded(string id, string expected)
    {
        var value = LifecycleHeaderValues.RuleId(id);

        Assert.Equal(expected, value);
        Assert.All(value, c => Assert.InRange(c, '!', '~'));
        Assert.Equal(id, Uri.UnescapeDataString(value));
    }

    [Theory]
    [InlineData("abort uploads", "abort uploads")]
    [InlineData("line\r\nbreak", "line%0D%0Abreak")]
    [InlineData("π", "%CF%80")]
    public void An_abort_rule_id_is_sent_as_is_unless_a_header_cannot_carry_it(string id, string expected)
    {
        Assert.Equal(expected, LifecycleHeaderValues.AbortRuleId(id));
    }
}
