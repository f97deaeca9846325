namespace Cairn.Core.Model;

/// <summary>One page of ListParts.</summary>
public sealed record PartPage(UploadRecord Upload, IReadOnlyList<PartRecord> Parts, bool IsTruncated, int? NextPartNumberMarker);
