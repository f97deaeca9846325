using Cairn.Core.Model;

namespace Cairn.Core.Multipart;

/// <summary>
/// What a CompleteMultipartUpload request asks for: the client's part list and its write condition. The service
/// has the protocol layer read it only once the upload is known (an unknown upload answers NoSuchUpload whatever
/// the body holds).
/// </summary>
public sealed record CompleteRequest(IReadOnlyList<CompletePart> Parts, WriteCondition Condition);
