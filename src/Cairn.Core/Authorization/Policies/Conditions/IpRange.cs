using System.Globalization;
using System.Net;

namespace Cairn.Core.Authorization.Policies.Conditions;

/// <summary>
/// An IpAddress/NotIpAddress value: an IPv4 or IPv6 address with an optional prefix length (none = the one
/// address). An IPv4 address a request carries in IPv6's mapped form is compared as IPv4.
/// </summary>
internal sealed class IpRange : IValueTest
{
    private readonly byte[] _network;

    private IpRange(byte[] network, int prefixLength)
    {
        _network = network;
        PrefixLength = prefixLength;
    }

    public int PrefixLength { get; }

    public bool IsIPv4 => _network.Length == 4;

    public static IpRange? TryParse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address) || addressText.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        var prefix = bytes.Length * 8;
        if (slash >= 0 && (!int.TryParse(text.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > bytes.Length * 8))
        {
            return null;
        }

        return new IpRange(bytes, prefix);
    }

    public bool? Matches(string requestValue, PolicyContext context)
    {
        if (!IPAddress.TryParse(requestValue, out var address))
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (bytes.Length != _network.Length)
        {
            return false;
        }

        var whole = PrefixLength / 8;
        if (!bytes.AsSpan(0, whole).SequenceEqual(_network.AsSpan(0, whole)))
        {
            return false;
        }

        var rest = PrefixLength % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (bytes[whole] & mask) == (_network[whole] & mask);
    }
}
