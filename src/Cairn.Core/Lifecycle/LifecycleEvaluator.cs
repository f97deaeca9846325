using Cairn.Core.Tagging;

namespace Cairn.Core.Lifecycle;

/// <summary>
/// The one place that decides when a rule acts: the deadline shown to clients (x-amz-expiration, x-amz-abort-date)
/// and the one the sweeper acts on are the same computation. Among several enabled rules that cover an object or
/// upload, the earliest deadline wins (ties: the first rule).
/// </summary>
public static class LifecycleEvaluator
{
    /// <summary>When the object expires under <paramref name="configuration"/>; null when no enabled rule expires it.</summary>
    public static LifecycleDeadline? ObjectExpiry(
        LifecycleConfiguration? configuration, LifecycleCalendar calendar, string key, long size, TagSet tags, DateTimeOffset lastModified)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        LifecycleDeadline? earliest = null;
        foreach (var rule in configuration?.Rules ?? [])
        {
            if (!rule.Enabled || rule.Expiration is not { } expiration || !rule.Filter.Matches(key, size, tags))
            {
                continue;
            }

            DateTimeOffset? at = expiration switch
            {
                { Days: { } days } => calendar.After(lastModified, days),
                { Date: { } date } => date,
                { CreatedBefore: { } before } when lastModified < before => calendar.RoundUp(lastModified),
                _ => null,
            };
            earliest = Earlier(earliest, at, rule.Id);
        }

        return earliest;
    }

    /// <summary>When the upload is aborted under <paramref name="configuration"/>; null when no enabled rule aborts it.</summary>
    public static LifecycleDeadline? UploadAbort(
        LifecycleConfiguration? configuration, LifecycleCalendar calendar, string key, DateTimeOffset initiatedAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        LifecycleDeadline? earliest = null;
        foreach (var rule in configuration?.Rules ?? [])
        {
            if (!rule.Enabled || rule.AbortIncompleteUpload is not { } abort || !rule.Filter.MatchesUpload(key))
            {
                continue;
            }

            DateTimeOffset? at = abort switch
            {
                { Days: { } days } => calendar.After(initiatedAt, days),
                { CreatedBefore: { } before } when initiatedAt < before => calendar.RoundUp(initiatedAt),
                _ => null,
            };
            earliest = Earlier(earliest, at, rule.Id);
        }

        return earliest;
    }

    private static LifecycleDeadline? Earlier(LifecycleDeadline? current, DateTimeOffset? candidate, string ruleId) =>
        candidate is { } at && (current is not { } known || at < known.At) ? new LifecycleDeadline(at, ruleId) : current;
}
