namespace Cairn.Core.Cors;

/// <summary>
/// One rule of a bucket's CORS configuration, as the owner wrote it: values keep their order and case, because
/// GetBucketCors gives them back unchanged and the first rule that matches a request decides its answer.
/// </summary>
/// <param name="Id">The rule's optional name (at most <see cref="CorsValidation.MaxIdLength"/> characters).</param>
/// <param name="AllowedOrigins">Origins, each with at most one <c>*</c>; matched case-sensitively.</param>
/// <param name="AllowedMethods">Methods among <see cref="CorsMethods.Supported"/>.</param>
/// <param name="AllowedHeaders">Request headers a preflight may name, each with at most one <c>*</c>; matched ignoring case.</param>
/// <param name="ExposeHeaders">Response headers a browser script may read (ETag for multipart uploads).</param>
/// <param name="MaxAgeSeconds">How long a browser may cache the preflight answer; null when unset.</param>
public sealed record CorsRule(
    string? Id,
    IReadOnlyList<string> AllowedOrigins,
    IReadOnlyList<string> AllowedMethods,
    IReadOnlyList<string> AllowedHeaders,
    IReadOnlyList<string> ExposeHeaders,
    int? MaxAgeSeconds);
