using Cairn.Server.Hosting;

namespace Cairn.Server.Tests.Hosting;

/// <summary>Listen address settings (Cairn:Urls, Cairn:ManagementUrls) are read before anything starts.</summary>
public sealed class ListenAddressesTests
{
    [Fact]
    public void A_list_of_addresses_is_read_in_order()
    {
        var addresses = ListenAddresses.Parse(" http://127.0.0.1:0 ; http://localhost:9001;http://*:9002 ", "Cairn:ManagementUrls", required: false);

        Assert.Equal(["127.0.0.1:0", "localhost:9001", "*:9002"], addresses.Addresses.Select(a => $"{a.Host}:{a.Port}"));
    }

    [Fact]
    public void An_empty_management_list_means_no_listener()
    {
        Assert.Empty(ListenAddresses.Parse("", "Cairn:ManagementUrls", required: false).Addresses);
    }

    [Fact]
    public void An_empty_S3_list_is_refused()
    {
        var refused = Assert.Throws<ServerStartException>(() => ListenAddresses.Parse(" ", "Cairn:Urls", required: true));

        Assert.Equal(ServerExitCodes.ConfigurationError, refused.ExitCode);
        Assert.Equal("'Cairn:Urls' is empty (expected http://host:port, e.g. http://127.0.0.1:9000)", refused.Message);
    }

    [Theory]
    [InlineData("127.0.0.1:9001")]
    [InlineData("ftp://127.0.0.1:9001")]
    [InlineData("http://127.0.0.1:port")]
    public void An_address_that_is_not_an_http_url_is_a_configuration_error_naming_the_setting(string url)
    {
        var refused = Assert.Throws<ServerStartException>(() => ListenAddresses.Parse("http://127.0.0.1:9000;" + url, "Cairn:ManagementUrls", required: false));

        Assert.Equal(ServerExitCodes.ConfigurationError, refused.ExitCode);
        Assert.Equal($"invalid address '{url}' in 'Cairn:ManagementUrls' (expected http://host:port, e.g. http://127.0.0.1:9000)", refused.Message);
    }
}
