using System.Net;
using Cairn.Server.Hosting;

namespace Cairn.Server.Callbacks;

/// <summary>
/// Which hosts and addresses a callback may reach, so that a client cannot make the server call what only the server
/// can reach (docs/oss-compatibility.md "Upload callbacks"). Refused by default: loopback (127.0.0.0/8, ::1),
/// link-local (169.254.0.0/16, fe80::/10), unspecified ("this network" 0.0.0.0/8, ::) and cloud metadata services
/// (fd00:ec2::254, Alibaba's 100.100.100.200, metadata.google.internal; 169.254.169.254 is link-local). The
/// operator's <c>Cairn:Oss:Callback:DeniedHosts</c> refuses more; <c>Cairn:Oss:Callback:AllowedHosts</c> reopens a
/// default refusal for the host names or addresses it lists, never one of DeniedHosts. An IPv4 address in IPv6's
/// mapped form (::ffff:127.0.0.1) is judged as the IPv4 address it is.
/// </summary>
internal sealed class CallbackTargetRules
{
    public const string AllowedSetting = "Cairn:Oss:Callback:AllowedHosts";
    public const string DeniedSetting = "Cairn:Oss:Callback:DeniedHosts";

    private static readonly (IPNetwork Network, string Kind)[] DefaultDeniedNetworks =
    [
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("fd00:ec2::254/128"), "cloud metadata"),
        (IPNetwork.Parse("100.100.100.200/32"), "cloud metadata"),
    ];

    private static readonly HashSet<string> DefaultDeniedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "metadata.google.internal", "metadata.goog",
    };

    private readonly HostList _allowed;
    private readonly HostList _denied;

    /// <summary>Reads the two settings (';'-separated host names, IP addresses or CIDR ranges); a bad entry throws.</summary>
    public CallbackTargetRules(string allowedHosts, string deniedHosts)
    {
        _allowed = HostList.Parse(allowedHosts, AllowedSetting);
        _denied = HostList.Parse(deniedHosts, DeniedSetting);
    }

    /// <summary>The rules the settings describe; a bad entry stops the server's start.</summary>
    public static CallbackTargetRules From(OssCallbackOptions options)
    {
        try
        {
            return new CallbackTargetRules(options.AllowedHosts, options.DeniedHosts);
        }
        catch (FormatException e)
        {
            throw new ServerStartException(ServerExitCodes.ConfigurationError, e.Message, e);
        }
    }

    /// <summary>
    /// Why a callback to <paramref name="host"/> may not be made, judged on its name before it is resolved; null when
    /// nothing refuses the name itself.
    /// </summary>
    public string? RefuseName(string host)
    {
        var name = Normalize(host);
        if (_denied.Names.Contains(name))
        {
            return $"the host {name} is listed in {DeniedSetting}";
        }

        return DefaultDeniedNames.Contains(name) && !_allowed.Names.Contains(name)
            ? $"the host {name} is a cloud metadata service ({AllowedSetting} can allow it)"
            : null;
    }

    /// <summary>
    /// Why a callback to <paramref name="host"/>, which resolved to <paramref name="addresses"/>, may not be made;
    /// null when the name and every address pass. One refused address refuses the host.
    /// </summary>
    public string? Refuse(string host, IReadOnlyList<IPAddress> addresses)
    {
        if (RefuseName(host) is { } refusal)
        {
            return refusal;
        }

        var name = Normalize(host);
        foreach (var original in addresses)
        {
            var address = original.IsIPv4MappedToIPv6 ? original.MapToIPv4() : original;
            if (_denied.Contains(address))
            {
                return $"{Described(name, address)} is listed in {DeniedSetting}";
            }

            var kind = DefaultDeniedNetworks.FirstOrDefault(d => d.Network.Contains(address)).Kind;
            if (kind is not null && !_allowed.Names.Contains(name) && !_allowed.Contains(address))
            {
                return $"{Described(name, address)} is a {kind} address ({AllowedSetting} can allow it)";
            }
        }

        return null;
    }

    private static string Described(string name, IPAddress address) =>
        IPAddress.TryParse(name, out _) ? address.ToString() : $"{name} resolves to {address}, which";

    /// <summary>A host as it is compared: lower case, without IPv6 brackets or a final dot.</summary>
    private static string Normalize(string host) => host.Trim('[', ']').TrimEnd('.').ToLowerInvariant();

    /// <summary>One setting's entries: host names, and addresses or ranges.</summary>
    private sealed record HostList(HashSet<string> Names, IReadOnlyList<IPNetwork> Networks)
    {
        public static HostList Parse(string setting, string settingName)
        {
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var networks = new List<IPNetwork>();
            foreach (var entry in setting.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (entry.Contains('/', StringComparison.Ordinal))
                {
                    networks.Add(IPNetwork.TryParse(entry, out var network)
                        ? network
                        : throw new FormatException($"{settingName}: '{entry}' is not a CIDR range (such as 10.0.0.0/8)."));
                }
                else if (IPAddress.TryParse(Normalize(entry), out var address))
                {
                    address = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
                    networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
                }
                else if (Uri.CheckHostName(Normalize(entry)) == UriHostNameType.Dns)
                {
                    names.Add(Normalize(entry));
                }
                else
                {
                    throw new FormatException($"{settingName}: '{entry}' is not a host name, an IP address or a CIDR range.");
                }
            }

            return new HostList(names, networks);
        }

        public bool Contains(IPAddress address) => Networks.Any(n => n.Contains(address));
    }
}
