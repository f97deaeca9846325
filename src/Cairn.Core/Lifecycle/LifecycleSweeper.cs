using Cairn.Core.Background;
using Cairn.Core.Model;
using Cairn.Core.Ports;

namespace Cairn.Core.Lifecycle;

/// <summary>
/// Acts on lifecycle rules: aborts the incomplete uploads and expires the objects whose deadline
/// (<see cref="LifecycleEvaluator"/>, the same one clients see in headers) has come. A sweep walks every bucket
/// that has rules, in name order: first its uploads, then its objects, each under the fewest prefixes that hold
/// what an enabled rule covers (<see cref="SweepScopes"/>). Rules are read again at every batch, so a rule added
/// later applies to old objects and a rule removed or disabled stops at once.
/// <para>
/// Each pass looks at one batch (<see cref="LifecycleSettings.Batch"/> uploads or objects at most) and stores how
/// far it got (<see cref="SweepCursor"/>) after every store page, so nothing beyond a batch is held in memory and a
/// sweep cut short by a crash goes on from there. One node sweeps at a time: the holder of the sweep lease, renewed
/// at every pass; another node takes over from the stored cursor once the lease lapses. Every abort and expiry is
/// one store transaction that queues the freed blobs as garbage (<see cref="BlobGarbageCollector"/> deletes the
/// files), and an expiry deletes only the object the sweeper judged: one written again meanwhile stays.
/// </para>
/// </summary>
public sealed class LifecycleSweeper(
    ILifecycleStore store, IUploadStore uploads, ILeaseStore leases, TimeProvider time,
    LifecycleSettings? settings = null, ILifecycleSweepObserver? observer = null)
    : IBackgroundWork
{
    /// <summary>The lease the sweeping node holds.</summary>
    public const string LeaseName = "lifecycle-sweep";

    /// <summary>The name the sweep's cursor is stored under.</summary>
    public const string ProgressName = "lifecycle-sweep";

    /// <summary>Aborts or expiries under way at once: enough to fill the store's group commits, few beside foreground writes.</summary>
    private const int ActionsInFlight = 16;

    private static readonly WorkPass Idle = new(0, MoreWaiting: false);

    private readonly LifecycleSettings _settings = settings ?? new LifecycleSettings();
    private readonly LifecycleCalendar _calendar = settings?.Calendar ?? LifecycleCalendar.Standard;

    public string Name => "lifecycle sweep";

    public TimeSpan Interval => _settings.Interval;

    /// <summary>
    /// One bounded batch of the sweep under way, or of a new one once the last ended an interval ago. Reports more
    /// waiting until the sweep reaches its end; does nothing while another node holds the sweep lease.
    /// </summary>
    public async Task<WorkPass> RunPassAsync(CancellationToken cancellationToken)
    {
        if (!await leases.TryAcquireAsync(LeaseName, _settings.Node.Value, _settings.Lease, cancellationToken))
        {
            return Idle;
        }

        var now = time.GetUtcNow();
        var cursor = SweepCursor.Read(await store.ReadProgressAsync(ProgressName, cancellationToken));
        if (cursor?.FinishedAt is { } finished && now < finished + _settings.Interval)
        {
            await leases.ReleaseAsync(LeaseName, _settings.Node.Value, cancellationToken);
            return Idle;
        }

        if (cursor is null || cursor.FinishedAt is not null)
        {
            cursor = SweepCursor.Start(now);
            observer?.Found(0);
        }

        var acted = 0;
        for (var budget = _settings.Batch; budget > 0 && cursor.FinishedAt is null;)
        {
            var step = await StepAsync(cursor, budget, now, cancellationToken);
            cursor = step.Cursor;
            await store.WriteProgressAsync(ProgressName, cursor.Write(), cancellationToken);
            budget -= Math.Max(1, step.Looked);
            acted += step.Acted;
        }

        observer?.Found(cursor.Due);
        if (cursor.FinishedAt is { } end)
        {
            observer?.Finished(end - cursor.StartedAt);
            await leases.ReleaseAsync(LeaseName, _settings.Node.Value, cancellationToken);
        }

        return new WorkPass(acted, MoreWaiting: cursor.FinishedAt is null);
    }

    /// <summary>One store page of the sweep: the bucket it is in (or the next one), then its uploads or its objects.</summary>
    private async Task<SweepStep> StepAsync(SweepCursor cursor, int budget, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Read again at every step: the bucket's rules as they are now, or the next bucket when this one lost them.
        var next = await store.ListBucketsWithSettingAsync(BucketSettingNames.Lifecycle, cursor.AfterBucket, 1, cancellationToken);
        if (next.Count == 0)
        {
            return new SweepStep(cursor.Finish(time.GetUtcNow()), 0, 0);
        }

        var (bucket, document) = next[0];
        if (bucket != cursor.Bucket)
        {
            cursor = cursor.EnterBucket(bucket);
        }

        var rules = LifecycleJson.Read(document);
        return cursor.Phase == SweepPhase.Uploads
            ? await AbortDueUploadsAsync(cursor, bucket, rules, budget, now, cancellationToken)
            : await ExpireDueObjectsAsync(cursor, bucket, rules, budget, now, cancellationToken);
    }

    private async Task<SweepStep> AbortDueUploadsAsync(
        SweepCursor cursor, string bucket, LifecycleConfiguration rules, int budget, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scopes = SweepScopes.Uploads(rules);
        if (SweepScopes.From(scopes, cursor.Prefix) is not { } prefix)
        {
            return new SweepStep(cursor.ToObjects(), 0, 0);
        }

        if (prefix != cursor.Prefix)
        {
            cursor = cursor.AtPrefix(prefix);
        }

        var page = await uploads.ListUploadsAsync(bucket, prefix, null, cursor.Key, cursor.UploadId, budget, cancellationToken);
        var due = page.Uploads.Where(upload => IsDue(LifecycleEvaluator.UploadAbort(rules, _calendar, upload.Key, upload.InitiatedAt), now)).ToList();
        var aborted = await ActOnAsync(due, (upload, token) => uploads.AbortUploadAsync(upload.UploadId, token), cancellationToken);

        Report(LifecycleAction.Aborted, aborted);
        var moved = page.IsTruncated && page.Uploads.Count > 0
            ? cursor with { Key = page.Uploads[^1].Key, UploadId = page.Uploads[^1].UploadId }
            : SweepScopes.After(scopes, prefix) is { } following ? cursor.AtPrefix(following) : cursor.ToObjects();
        return new SweepStep(moved with { Due = cursor.Due + due.Count }, page.Uploads.Count, aborted);
    }

    private async Task<SweepStep> ExpireDueObjectsAsync(
        SweepCursor cursor, string bucket, LifecycleConfiguration rules, int budget, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var scopes = SweepScopes.Objects(rules);
        if (SweepScopes.From(scopes, cursor.Prefix) is not { } prefix)
        {
            return new SweepStep(cursor.LeaveBucket(), 0, 0);
        }

        if (prefix != cursor.Prefix)
        {
            cursor = cursor.AtPrefix(prefix);
        }

        var objects = await store.ScanObjectsAsync(bucket, prefix, cursor.Key, budget, cancellationToken);
        var due = objects.Where(record => IsDue(ExpiryOf(rules, record), now)).ToList();
        var expired = await ActOnAsync(
            due, (record, token) => store.ExpireObjectAsync(bucket, record.Key, record.ETag, record.LastModified, token), cancellationToken);

        Report(LifecycleAction.Expired, expired);
        var moved = objects.Count == budget
            ? cursor with { Key = objects[^1].Key }
            : SweepScopes.After(scopes, prefix) is { } following ? cursor.AtPrefix(following) : cursor.LeaveBucket();
        return new SweepStep(moved with { Due = cursor.Due + due.Count }, objects.Count, expired);
    }

    /// <summary>
    /// Aborts or expires the due items of one batch, a few at a time: each is its own store transaction, and several
    /// in flight let the store commit them together instead of one commit each. Returns how many it removed.
    /// </summary>
    private static async Task<int> ActOnAsync<T>(List<T> due, Func<T, CancellationToken, Task<bool>> act, CancellationToken cancellationToken)
    {
        var done = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = ActionsInFlight, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                if (await act(item, token))
                {
                    Interlocked.Increment(ref done);
                }
            });
        return done;
    }

    private LifecycleDeadline? ExpiryOf(LifecycleConfiguration rules, ObjectRecord record) =>
        LifecycleEvaluator.ObjectExpiry(rules, _calendar, record.Key, record.Size, record.Tags, record.LastModified);

    private static bool IsDue(LifecycleDeadline? deadline, DateTimeOffset now) => deadline is { } known && known.At <= now;

    private void Report(LifecycleAction action, int count)
    {
        if (count > 0)
        {
            observer?.Acted(action, count);
        }
    }

    /// <summary>Where one step left the sweep, how many uploads or objects it looked at, and how many it removed.</summary>
    private readonly record struct SweepStep(SweepCursor Cursor, int Looked, int Acted);
}
