using System.Xml;
using Cairn.Core.Verification;
using Cairn.Server.Xml;

namespace Cairn.Server.Iam;

/// <summary>
/// VerifyStore, Cairn's own admin API action (docs/lifecycle.md "Verifying the store"): compares the blob files with
/// the metadata and, with <c>Repair=true</c>, deletes orphan blobs and removes the rows whose data is gone. Its
/// permission is <c>iam:VerifyStore</c> on the account (<see cref="IamTarget.Store"/>), so only the root user, or a
/// user a policy allows it, may run it. The answer is IAM-shaped XML: counts, then the faults itemised.
/// </summary>
internal sealed class IamStoreActions(StoreVerifier verifier)
{
    public IEnumerable<IamAction> Actions =>
    [
        new("VerifyStore", VerifyAsync, IamTarget.Store),
    ];

    private async Task<Action<XmlWriter>?> VerifyAsync(IamCall call)
    {
        var repair = call.Parameters.Boolean("Repair", fallback: false);
        var report = await verifier.VerifyAsync(repair, call.CancellationToken);
        return xml => Write(xml, report);
    }

    private static void Write(XmlWriter xml, StoreVerification report)
    {
        xml.Element("Repair", report.Repair);
        xml.Element("BlobFiles", report.BlobFiles);
        xml.Element("ReferencedBlobs", report.ReferencedBlobs);
        xml.Element("YoungUnreferencedBlobs", report.YoungUnreferenced);
        xml.Element("QueuedGarbageBlobs", report.QueuedGarbage);
        Faults(xml, "OrphanBlobs", report.Orphans, static (member, orphan) =>
        {
            member.Element("BlobId", orphan.BlobId);
            member.Element("WrittenAt", QueryApiXml.Date(orphan.WrittenAt));
            member.Element("Deleted", orphan.Deleted);
        });
        Faults(xml, "MissingBlobs", report.Missing, static (member, missing) =>
        {
            var row = missing.Row;
            member.Element("BlobId", row.BlobId);
            member.Element("Bucket", row.Bucket);
            member.Element("Key", row.Key);
            member.Element("UploadId", row.UploadId);
            if (row.PartNumber is { } partNumber)
            {
                member.Element("PartNumber", partNumber);
            }

            member.Element("Repaired", missing.Repaired);
        });
        xml.Element("FaultsRemaining", report.FaultsRemaining);
    }

    private static void Faults<T>(XmlWriter xml, string name, FaultList<T> faults, Action<XmlWriter, T> member)
    {
        xml.Start(name);
        xml.Element("Found", faults.Found);
        xml.Element("Repaired", faults.Repaired);
        xml.Element("IsTruncated", faults.Truncated);
        QueryApiXml.Members(xml, "Items", faults.Listed, member);
        xml.WriteEndElement();
    }
}
