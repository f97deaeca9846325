namespace Cairn.Core.Lifecycle;

/// <summary>
/// Watches the lifecycle sweeper's progress, so the server can show it in <c>/metrics</c> without Core knowing how
/// metrics are exported. Called from the sweeper's passes, one at a time.
/// </summary>
public interface ILifecycleSweepObserver
{
    /// <summary>The sweep under way (or just finished) has found <paramref name="due"/> uploads and objects due so far.</summary>
    void Found(long due);

    /// <summary>The sweeper aborted or expired <paramref name="count"/> more.</summary>
    void Acted(LifecycleAction action, int count);

    /// <summary>A sweep reached its end, <paramref name="duration"/> after it began.</summary>
    void Finished(TimeSpan duration);
}

/// <summary>What the sweeper does to what is due.</summary>
public enum LifecycleAction
{
    /// <summary>An object was deleted.</summary>
    Expired,

    /// <summary>An incomplete multipart upload was aborted.</summary>
    Aborted,
}
