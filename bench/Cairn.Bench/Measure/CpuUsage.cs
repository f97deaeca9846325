using System.Globalization;

namespace Cairn.Bench.Measure;

/// <summary>
/// Wall and CPU seconds of one measurement (server null when its /proc entry was unreadable; database null when the
/// metadata is not in a PostgreSQL server on this machine).
/// </summary>
internal readonly record struct CpuUsage(TimeSpan Wall, TimeSpan Client, TimeSpan? Server, TimeSpan? Database = null)
{
    /// <summary>
    /// The client spent at least as much CPU as the server: on 2 shared cores the figure then says as much about the
    /// load generator as about Cairn.
    /// </summary>
    public bool ClientHeavy => Server is { } server && Client >= server;

    /// <summary>
    /// CPU per operation on each side ("server 68 µs/op, client 21 µs/op"): less sensitive to a busy machine than wall
    /// time, so it shows where the work is even when other processes steal the cores. /proc ticks are 10 ms, so this
    /// needs a measurement of at least ~0.5 CPU-s to mean much.
    /// </summary>
    public string PerOperation(long operations, string operation = "op")
    {
        if (operations <= 0)
        {
            return "";
        }

        string Each(TimeSpan cpu) => cpu.TotalMilliseconds / operations >= 10
            ? (cpu.TotalMilliseconds / operations).ToString("N1", CultureInfo.InvariantCulture) + $" ms/{operation}"
            : (cpu.TotalMilliseconds * 1000 / operations).ToString("N0", CultureInfo.InvariantCulture) + $" µs/{operation}";
        return $"server {(Server is { } s ? Each(s) : "?")}{(Database is { } d ? ", db " + Each(d) : "")}, client {Each(Client)}";
    }

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture,
            $"cpu s: client {Client.TotalSeconds:0.0}, server {(Server is { } s ? s.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "?")}{(Database is { } d ? ", db " + d.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) : "")}, wall {Wall.TotalSeconds:0.0}")
        + (ClientHeavy ? " (CLIENT-HEAVY)" : "");
}
