using System.Globalization;
using System.Xml.Linq;

namespace Cairn.Client.Iam;

/// <summary>
/// The answer of Cairn's VerifyStore admin action: what was looked at, the blobs that are not faults (young
/// unreferenced files, queued garbage), and the two kinds of fault with the first of each itemised.
/// </summary>
public sealed record StoreReport(
    bool Repair, long BlobFiles, long ReferencedBlobs, long YoungUnreferencedBlobs, long QueuedGarbageBlobs,
    StoreFaults<OrphanBlobFault> OrphanBlobs, StoreFaults<MissingBlobFault> MissingBlobs, long FaultsRemaining)
{
    internal static StoreReport Parse(XElement result, XNamespace ns)
    {
        string? Text(XElement parent, string name) => parent.Element(ns + name)?.Value;
        long Count(XElement parent, string name) => long.Parse(Text(parent, name) ?? "0", CultureInfo.InvariantCulture);
        bool Flag(XElement parent, string name) => Text(parent, name) == "true";
        StoreFaults<T> Faults<T>(string name, Func<XElement, T> item)
        {
            var faults = result.Element(ns + name) ?? new XElement(ns + name);
            var items = faults.Element(ns + "Items")?.Elements(ns + "member").Select(item).ToList() ?? [];
            return new StoreFaults<T>(Count(faults, "Found"), Count(faults, "Repaired"), Flag(faults, "IsTruncated"), items);
        }

        return new StoreReport(
            Flag(result, "Repair"), Count(result, "BlobFiles"), Count(result, "ReferencedBlobs"),
            Count(result, "YoungUnreferencedBlobs"), Count(result, "QueuedGarbageBlobs"),
            Faults("OrphanBlobs", member => new OrphanBlobFault(
                Text(member, "BlobId") ?? string.Empty,
                DateTimeOffset.Parse(Text(member, "WrittenAt") ?? string.Empty, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                Flag(member, "Deleted"))),
            Faults("MissingBlobs", member => new MissingBlobFault(
                Text(member, "BlobId") ?? string.Empty, Text(member, "Bucket") ?? string.Empty, Text(member, "Key") ?? string.Empty,
                Text(member, "UploadId"),
                Text(member, "PartNumber") is { } part ? int.Parse(part, CultureInfo.InvariantCulture) : null,
                Flag(member, "Repaired"))),
            Count(result, "FaultsRemaining"));
    }
}

/// <summary>One kind of fault: how many were found and repaired, and the first ones (<see cref="Truncated"/> when there were more).</summary>
public sealed record StoreFaults<T>(long Found, long Repaired, bool Truncated, IReadOnlyList<T> Items);

/// <summary>A blob file nothing references, older than the orphan grace; <see cref="Deleted"/> by a repair.</summary>
public sealed record OrphanBlobFault(string BlobId, DateTimeOffset WrittenAt, bool Deleted);

/// <summary>
/// An object (no <see cref="UploadId"/>) or an upload's part whose blob file is missing; <see cref="Repaired"/> once
/// the object is removed or the upload aborted.
/// </summary>
public sealed record MissingBlobFault(string BlobId, string Bucket, string Key, string? UploadId, int? PartNumber, bool Repaired);
