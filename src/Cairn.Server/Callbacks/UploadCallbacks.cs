using Cairn.Core.Model;
using Cairn.Server.Hosting;
using Cairn.Server.Pipeline;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Callbacks;

/// <summary>
/// Upload callbacks (docs/oss-compatibility.md "Upload callbacks"): after PutObject, CompleteMultipartUpload or a form
/// upload has stored its object, Cairn POSTs to the app server the client named, signed with Cairn's RSA key, and the
/// app server's JSON becomes the client's answer. Both dialects honour x-oss-callback (an extension in S3's).
/// </summary>
internal sealed class UploadCallbacks(IOptions<CairnOptions> options)
{
    private readonly OssCallbackOptions _options = options.Value.Oss.Callback;

    /// <summary>
    /// The callback the request carries in its headers or query, validated (400 InvalidArgument when malformed, or
    /// when its target is refused); null when it asks for none. Called before the body is read.
    /// </summary>
    public UploadCallbackRequest? Read(OperationRequest r) => _options is null ? throw new InvalidOperationException() : null;

    /// <summary>The callback a form upload carries in its fields (<c>callback</c> and <c>x:*</c>); null when none.</summary>
    public UploadCallbackRequest? ReadForm(OperationRequest r, IReadOnlyDictionary<string, string> fields) => _options is null ? throw new InvalidOperationException() : null;

    /// <summary>
    /// Calls the app server about <paramref name="stored"/> and answers the client: 200 with the app server's JSON,
    /// or 203 CallbackFailed (the object stays). The dialect has already written the stored object's headers.
    /// </summary>
    public Task AnswerAsync(OperationRequest r, UploadCallbackRequest callback, ObjectRecord stored) =>
        throw new NotImplementedException();
}
