namespace Cairn.Server.Hosting;

/// <summary>The lifecycle sweeper's settings (<c>Cairn:Lifecycle</c>, docs/lifecycle.md).</summary>
public sealed class LifecycleOptions
{
    /// <summary>
    /// The length of a lifecycle day: 1 day, or shorter for tests and demos (<c>00:00:02</c> makes a rule of one day
    /// act after about two seconds). Deadlines round up to whole "days" since the Unix epoch.
    /// </summary>
    public TimeSpan DayLength { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the sweeper looks for due uploads and objects.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Objects or uploads one sweeper pass looks at, at most (passes follow each other while work waits).</summary>
    public int Batch { get; set; } = 1000;
}
