using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Cairn.Server.Hosting;

/// <summary>
/// One ';'-separated list of listen addresses (a setting such as <c>Cairn:Urls</c>), parsed before anything
/// starts and bound on Kestrel one endpoint per address. The host binds its listeners itself, rather than handing
/// Kestrel a plain URL list, so that each endpoint can carry connection middleware: that is how a request on the
/// management listener is told apart from S3 traffic, whatever the ports (0 included) and addresses.
/// </summary>
internal sealed class ListenAddresses
{
    private readonly List<(ListenOptions Listen, string Scheme)> _bound = [];

    private ListenAddresses(string setting, IReadOnlyList<BindingAddress> addresses)
    {
        Setting = setting;
        Addresses = addresses;
    }

    /// <summary>The setting the list came from, for messages.</summary>
    public string Setting { get; }

    public IReadOnlyList<BindingAddress> Addresses { get; }

    /// <summary>
    /// Reads <paramref name="urls"/>; an empty list is valid (no listener) unless <paramref name="required"/>. An
    /// address that is not an http(s) URL stops the start as a configuration error naming <paramref name="setting"/>.
    /// </summary>
    public static ListenAddresses Parse(string? urls, string setting, bool required)
    {
        var addresses = new List<BindingAddress>();
        foreach (var url in (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException e)
            {
                throw Invalid(url, setting, e);
            }

            // A port that is not a number leaves it in the host ("127.0.0.1:port"), where Kestrel would listen on
            // every interface instead.
            var portInHost = !address.IsUnixPipe && address.Host.Contains(':', StringComparison.Ordinal) && !address.Host.StartsWith('[');
            if (address.Scheme is not ("http" or "https") || address.IsNamedPipe || portInHost)
            {
                throw Invalid(url, setting, null);
            }

            addresses.Add(address);
        }

        if (required && addresses.Count == 0)
        {
            throw new ServerStartException(ServerExitCodes.ConfigurationError, $"'{setting}' is empty (expected http://host:port, e.g. http://127.0.0.1:9000)");
        }

        return new ListenAddresses(setting, addresses);
    }

    /// <summary>
    /// Adds one Kestrel endpoint per address, as Kestrel reads a URL: <c>localhost</c> is both loopbacks, an IP
    /// address is itself, any other host name (<c>*</c>, <c>+</c>, a name) is every interface; <c>https</c> uses
    /// the default certificate. <paramref name="configure"/> runs on each endpoint.
    /// </summary>
    public void Bind(KestrelServerOptions kestrel, Action<ListenOptions>? configure = null)
    {
        foreach (var address in Addresses)
        {
            void Configure(ListenOptions listen)
            {
                if (address.Scheme == "https")
                {
                    listen.UseHttps();
                }

                configure?.Invoke(listen);
                _bound.Add((listen, address.Scheme));
            }

            if (address.IsUnixPipe)
            {
                kestrel.ListenUnixSocket(address.UnixPipePath, Configure);
            }
            else if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                kestrel.ListenLocalhost(address.Port, Configure);
            }
            else if (IPAddress.TryParse(address.Host, out var ip))
            {
                kestrel.Listen(ip, address.Port, Configure);
            }
            else
            {
                kestrel.ListenAnyIP(address.Port, Configure);
            }
        }
    }

    /// <summary>
    /// The first bound TCP endpoint as a URL a local client can use (port 0 resolved; a wildcard address becomes
    /// 127.0.0.1), or null when nothing is bound over TCP. Valid once the server has started.
    /// </summary>
    public Uri? FirstBoundAddress()
    {
        foreach (var (listen, scheme) in _bound)
        {
            if (listen.IPEndPoint is { } endPoint)
            {
                var ip = endPoint.Address.Equals(IPAddress.Any) || endPoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.Loopback : endPoint.Address;
                return new UriBuilder(scheme, ip.ToString(), endPoint.Port, "/").Uri;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="message"/> (Kestrel's bind failure) names one of these addresses; returns it.</summary>
    public string? Named(string message) =>
        Addresses.Select(a => a.ToString().TrimEnd('/'))
            .FirstOrDefault(url => message.Contains(url, StringComparison.OrdinalIgnoreCase));

    private static ServerStartException Invalid(string url, string setting, Exception? cause) =>
        new(ServerExitCodes.ConfigurationError, $"invalid address '{url}' in '{setting}' (expected http://host:port, e.g. http://127.0.0.1:9000)", cause);
}
