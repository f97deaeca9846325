using System.Globalization;

namespace Cairn.Bench;

/// <summary>Command-line settings of one bench run (bench/run.sh fills them in).</summary>
internal sealed class BenchOptions
{
    /// <summary>Smaller sizes (under 3 minutes on 2 cores); the table is labelled QUICK.</summary>
    public bool Quick { get; private set; }

    /// <summary>
    /// The Cairn nodes started by run.sh (scenarios 1-4, and 5 on PostgreSQL), one <c>--endpoint</c> each: the first
    /// is the main node, and load that can be spread goes to every node in turn. Default: one node on port 9000.
    /// </summary>
    public List<Uri> Endpoints { get; } = [];

    /// <summary>Their process ids (<c>--server-pid</c>, once per node), for server CPU time, summed over the nodes.</summary>
    public List<int> ServerPids { get; } = [];

    /// <summary>Their data directory (one, shared by the nodes): the disk the limits are measured on, and on SQLite the schema the listing seed copies.</summary>
    public string DataDirectory { get; private set; } = "./data";

    /// <summary>
    /// The connection string of the PostgreSQL database the nodes keep their metadata in (<c>--metadata</c>, as the
    /// servers were given it); null = the nodes run on the embedded SQLite database in the data directory.
    /// </summary>
    public string? Metadata { get; private set; }

    /// <summary>The PostgreSQL postmaster's process id: its CPU time and that of its connection processes is the database's.</summary>
    public int? DatabasePid { get; private set; }

    /// <summary>Cairn.Server.dll, to start the extra servers of scenarios 5 (seeded listing) and 6 (fresh, for RSS).</summary>
    public string? ServerDll { get; private set; }

    /// <summary>Scratch space on the same disk: probe files, the listing and RSS data dirs.</summary>
    public string WorkDirectory { get; private set; } = Path.Combine(Path.GetTempPath(), "cairn-bench-work");

    /// <summary>Where latest.json, latest.md and the timestamped copies go (a partial run writes only its copy).</summary>
    public string ResultsDirectory { get; private set; } = "bench/results";

    /// <summary>Kept between runs: the seeded listing databases, keyed by schema.</summary>
    public string CacheDirectory { get; private set; } = "bench/.cache";

    /// <summary>File listing the PIDs of servers the bench started (stopped by run.sh's trap if the bench dies).</summary>
    public string? PidFile { get; private set; }

    /// <summary>Scenario numbers to run (1-6); empty = all.</summary>
    public HashSet<int> Only { get; } = [];

    /// <summary>Skip the limit probes (only for developing a scenario; ratios are then missing).</summary>
    public bool SkipLimits { get; private set; }

    public string AccessKey { get; private set; } = Environment.GetEnvironmentVariable("CAIRN_ROOT_USER") ?? "cairn-bench";

    public string SecretKey { get; private set; } = Environment.GetEnvironmentVariable("CAIRN_ROOT_PASSWORD") ?? "cairn-bench-secret";

    public bool Runs(int scenario) => Only.Count == 0 || Only.Contains(scenario);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--quick": options.Quick = true; break;
                case "--endpoint": options.Endpoints.Add(new Uri(Next())); break;
                case "--server-pid": options.ServerPids.Add(int.Parse(Next(), CultureInfo.InvariantCulture)); break;
                case "--metadata": options.Metadata = Next(); break;
                case "--database-pid": options.DatabasePid = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--data": options.DataDirectory = Path.GetFullPath(Next()); break;
                case "--server-dll": options.ServerDll = Path.GetFullPath(Next()); break;
                case "--work": options.WorkDirectory = Path.GetFullPath(Next()); break;
                case "--results": options.ResultsDirectory = Path.GetFullPath(Next()); break;
                case "--cache": options.CacheDirectory = Path.GetFullPath(Next()); break;
                case "--pid-file": options.PidFile = Path.GetFullPath(Next()); break;
                case "--skip-limits": options.SkipLimits = true; break;
                case "--access-key": options.AccessKey = Next(); break;
                case "--secret-key": options.SecretKey = Next(); break;
                case "--only":
                    foreach (var part in Next().Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        options.Only.Add(int.Parse(part, CultureInfo.InvariantCulture));
                    }

                    break;
                default: throw new ArgumentException($"Unknown argument {args[i]}.");
            }
        }

        if (options.Endpoints.Count == 0)
        {
            options.Endpoints.Add(new Uri("http://127.0.0.1:9000"));
        }

        return options;
    }
}
