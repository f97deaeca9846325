using Cairn.Core.Ports;

namespace Cairn.Core.Verification;

/// <summary>
/// A blob file no row references and the garbage queue does not hold, older than the orphan grace: left by a crash
/// between writing a blob and committing the row, or by a lost queue entry. <see cref="Deleted"/> when repaired.
/// </summary>
public sealed record OrphanBlob(string BlobId, DateTimeOffset WrittenAt, bool Deleted);

/// <summary>
/// A row whose blob file is gone: an object (its content cannot be read) or an upload's part (its Complete would
/// build a broken object). <see cref="Repaired"/> when the row no longer points at the missing file: the object was
/// removed or the upload aborted (by the repair, or meanwhile by someone else).
/// </summary>
public sealed record MissingBlob(BlobReference Row, bool Repaired);
