namespace Cairn.Core.Model;

/// <summary>An upload and every one of its parts, ascending by part number, as one consistent read saw them.</summary>
public sealed record UploadWithParts(UploadRecord Upload, IReadOnlyList<PartRecord> Parts);
