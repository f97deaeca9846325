using System.CommandLine;
using System.Globalization;
using Cairn.Client.Iam;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>cairn admin verify [--repair]</c>: has the server compare its blob files with its metadata (the admin API's
/// VerifyStore) and prints what it found: orphan blobs, and objects or upload parts whose data is missing. Exits
/// <see cref="ExitCodes.FaultsFound"/> while faults remain, so a script or a health check can act on it.
/// </summary>
internal static class AdminVerifyCommand
{
    public static Command Create(CommandRunner runner)
    {
        var repair = new Option<bool>("--repair")
        {
            Description = "Delete orphan blobs, and remove objects (abort uploads) whose data is missing",
        };
        var command = new Command("verify", "Check that every blob file is referenced and every referenced blob file exists");
        command.Options.Add(repair);
        runner.Bind(command, async (context, cancellationToken) =>
        {
            using var iam = context.CreateIamClient();
            var report = await iam.VerifyStoreAsync(context.Get(repair), cancellationToken).ConfigureAwait(false);
            foreach (var line in Describe(report))
            {
                context.Output.Line(line);
            }

            context.Output.Document(report);
            if (report.FaultsRemaining == 0)
            {
                return ExitCodes.Success;
            }

            if (!report.Repair)
            {
                context.Output.Note("Run 'cairn admin verify --repair' to delete the orphan blobs and remove the rows whose data is missing.");
            }

            return ExitCodes.FaultsFound;
        });
        return command;
    }

    /// <summary>The report for people: one line per fault listed, then the counts.</summary>
    private static IEnumerable<string> Describe(StoreReport report)
    {
        foreach (var orphan in report.OrphanBlobs.Items)
        {
            var written = orphan.WrittenAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            yield return $"orphan blob: {orphan.BlobId} (written {written}){(orphan.Deleted ? " deleted" : string.Empty)}";
        }

        foreach (var missing in report.MissingBlobs.Items)
        {
            var location = $"s3://{missing.Bucket}/{missing.Key}";
            yield return missing.UploadId is { } uploadId
                ? $"missing blob: {missing.BlobId} of part {missing.PartNumber} of upload {uploadId} to {location}{(missing.Repaired ? " aborted" : string.Empty)}"
                : $"missing blob: {missing.BlobId} of {location}{(missing.Repaired ? " removed" : string.Empty)}";
        }

        if (report.OrphanBlobs.Truncated || report.MissingBlobs.Truncated)
        {
            yield return $"(only the first {report.OrphanBlobs.Items.Count} orphan blobs and {report.MissingBlobs.Items.Count} missing blobs are listed)";
        }

        yield return $"checked: {report.BlobFiles} blob files, {report.ReferencedBlobs} referenced blobs";
        yield return $"not faults: {report.YoungUnreferencedBlobs} unreferenced blobs younger than the orphan grace (left alone), {report.QueuedGarbageBlobs} queued as garbage";
        var found = report.OrphanBlobs.Found + report.MissingBlobs.Found;
        var repaired = report.OrphanBlobs.Repaired + report.MissingBlobs.Repaired;
        yield return report.FaultsRemaining == 0 && found == 0
            ? "verify: clean"
            : $"verify: {found} faults ({report.OrphanBlobs.Found} orphan blobs, {report.MissingBlobs.Found} missing blobs), {repaired} repaired, {report.FaultsRemaining} remaining";
    }
}
