using System.Net;
using Cairn.Server.Callbacks;
using Cairn.Server.Hosting;

namespace Cairn.Server.Tests.Callbacks;

/// <summary>
/// Which callback targets are refused, so that a client cannot have the server call what only the server reaches:
/// loopback, link-local, unspecified and cloud metadata addresses by default, in every spelling of them; what the
/// operator denies; and what the operator reopens.
/// </summary>
public sealed class CallbackTargetRulesTests
{
    private static readonly CallbackTargetRules Defaults = new(allowedHosts: "", deniedHosts: "");

    private static string? Judge(CallbackTargetRules rules, string host, params string[] addresses) =>
        rules.Refuse(host, [.. addresses.Select(IPAddress.Parse)]);

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.200.3.4", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("fd00:ec2::254", "cloud metadata")]
    [InlineData("100.100.100.200", "cloud metadata")]
    public void Local_and_metadata_addresses_are_refused_by_default(string address, string kind)
    {
        var refusal = Judge(Defaults, address, address);

        Assert.NotNull(refusal);
        Assert.Contains($"a {kind} address", refusal, StringComparison.Ordinal);
        Assert.Contains(CallbackTargetRules.AllowedSetting, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("192.168.1.20")]
    [InlineData("8.8.8.8")]
    [InlineData("2001:db8::1")]
    [InlineData("169.255.0.1")]
    [InlineData("128.0.0.1")]
    public void Other_addresses_are_allowed_by_default(string address)
    {
        Assert.Null(Judge(Defaults, address, address));
    }

    [Fact]
    public void A_name_is_refused_when_any_address_it_resolves_to_is()
    {
        var refusal = Judge(Defaults, "app.example", "203.0.113.5", "127.0.0.1");

        Assert.Equal("app.example resolves to 127.0.0.1, which is a loopback address (Cairn:Oss:Callback:AllowedHosts can allow it)", refusal);
        Assert.Null(Judge(Defaults, "app.example", "203.0.113.5", "198.51.100.7"));
    }

    [Fact]
    public void Metadata_service_names_are_refused_before_any_resolution()
    {
        Assert.Contains("cloud metadata service", Defaults.RefuseName("Metadata.Google.Internal."), StringComparison.Ordinal);
        Assert.Null(Defaults.RefuseName("app.example"));
    }

    [Fact]
    public void AllowedHosts_reopens_exactly_the_addresses_and_names_it_lists()
    {
        var rules = new CallbackTargetRules(allowedHosts: "127.0.0.1; dev.local ;169.254.10.0/24", deniedHosts: "");

        Assert.Null(Judge(rules, "127.0.0.1", "127.0.0.1"));
        Assert.Null(Judge(rules, "::ffff:127.0.0.1", "::ffff:127.0.0.1"));
        Assert.Null(Judge(rules, "localhost", "127.0.0.1"));
        Assert.NotNull(Judge(rules, "localhost", "127.0.0.1", "::1"));
        Assert.NotNull(Judge(rules, "127.0.0.2", "127.0.0.2"));
        Assert.Null(Judge(rules, "dev.local", "127.0.0.5", "::1"));
        Assert.Null(Judge(rules, "169.254.10.7", "169.254.10.7"));
        Assert.NotNull(Judge(rules, "169.254.169.254", "169.254.169.254"));
    }

    [Fact]
    public void DeniedHosts_refuses_more_and_AllowedHosts_cannot_reopen_it()
    {
        var rules = new CallbackTargetRules(allowedHosts: "10.1.2.3;internal.example", deniedHosts: "10.0.0.0/8;internal.example;2001:db8::/32");

        Assert.Contains("10.1.2.3 is listed in Cairn:Oss:Callback:DeniedHosts", Judge(rules, "10.1.2.3", "10.1.2.3"), StringComparison.Ordinal);
        Assert.NotNull(Judge(rules, "app.example", "10.200.0.1"));
        Assert.NotNull(Judge(rules, "app.example", "2001:db8::5"));
        Assert.Contains("listed in", rules.RefuseName("INTERNAL.example"), StringComparison.Ordinal);
        Assert.Null(Judge(rules, "app.example", "11.0.0.1"));
    }

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("not a host!")]
    public void A_bad_setting_stops_the_start(string entry)
    {
        var error = Assert.Throws<ServerStartException>(() => CallbackTargetRules.From(new OssCallbackOptions { DeniedHosts = entry }));

        Assert.Equal(ServerExitCodes.ConfigurationError, error.ExitCode);
        Assert.Contains(CallbackTargetRules.DeniedSetting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_real_name_that_resolves_to_loopback_is_refused_and_a_literal_allowed_address_is_used_as_is()
    {
        var refused = await Assert.ThrowsAsync<CallbackTargetRefusedException>(
            () => new CallbackTargetGuard(Defaults).ResolveAsync("localhost", CancellationToken.None));
        Assert.StartsWith("localhost resolves to ", refused.Message, StringComparison.Ordinal);

        var allowed = new CallbackTargetGuard(new CallbackTargetRules(allowedHosts: "127.0.0.1", deniedHosts: ""));
        Assert.Equal([IPAddress.Loopback], await allowed.ResolveAsync("127.0.0.1", CancellationToken.None));
    }
}
