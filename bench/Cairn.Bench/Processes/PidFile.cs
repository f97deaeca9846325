namespace Cairn.Bench.Processes;

/// <summary>
/// The ids of the server processes the bench started itself, one a line, so bench/run.sh's exit trap can stop them
/// by PID even if the bench dies first. Null path = not recorded.
/// </summary>
internal sealed class PidFile(string? path)
{
    private readonly Lock _lock = new();
    private readonly HashSet<int> _pids = [];

    public void Add(int pid) => Update(pids => pids.Add(pid));

    public void Remove(int pid) => Update(pids => pids.Remove(pid));

    private void Update(Func<HashSet<int>, bool> change)
    {
        lock (_lock)
        {
            change(_pids);
            if (path is not null)
            {
                File.WriteAllLines(path, _pids.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }
}
