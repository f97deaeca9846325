using System.Globalization;

namespace Cairn.Cli.Output;

/// <summary>
/// Parses sizes like <c>8MiB</c>, <c>100KiB</c>, <c>5M</c> or <c>1048576</c> (binary units for KiB/MiB/GiB and the
/// bare K/M/G, decimal for kB/MB/GB, as storage tools usually read them) and formats bytes for people.
/// </summary>
internal static class ByteSize
{
    private static readonly (string Suffix, long Factor)[] Units =
    [
        ("KIB", 1L << 10), ("MIB", 1L << 20), ("GIB", 1L << 30), ("TIB", 1L << 40),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("T", 1L << 40), ("B", 1),
    ];

    public static long Parse(string text)
    {
        var value = text.Trim().ToUpperInvariant();
        foreach (var (suffix, factor) in Units)
        {
            if (value.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(value[..^suffix.Length].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && number > 0)
            {
                return checked((long)Math.Round(number * factor));
            }
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes > 0
            ? bytes
            : throw new UsageException($"'{text}' is not a size (examples: 8MiB, 100KiB, 1GiB, 5242880).");
    }

    public static string Format(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var unit = 0;
        while (Math.Abs(bytes) >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.0} {units[unit]}");
    }
}
