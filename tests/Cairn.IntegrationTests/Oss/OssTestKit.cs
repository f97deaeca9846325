using System.Globalization;
using System.Xml.Linq;

namespace Cairn.IntegrationTests.Oss;

/// <summary>What the OSS tests read from answers: documents, headers, and an independent CRC-64/XZ.</summary>
internal static class OssTestKit
{
    public static async Task<XElement> DocumentAsync(HttpResponseMessage response) =>
        XElement.Parse(await response.Content.ReadAsStringAsync());

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;

    /// <summary>CRC-64/XZ (ECMA-182 polynomial reflected, all-ones init and final XOR) bit by bit, as OSS defines it, in its decimal wire form.</summary>
    public static string Crc64(byte[] data)
    {
        const ulong ReflectedPolynomial = 0xC96C5795D7870F42;
        var crc = ulong.MaxValue;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ ReflectedPolynomial : crc >> 1;
            }
        }

        return (~crc).ToString(CultureInfo.InvariantCulture);
    }
}
