namespace Cairn.Server.Dialects;

/// <summary>
/// How surely a request belongs to a dialect, strongest last. A signature (an Authorization scheme or presign query
/// parameters) decides outright; a header family only hints; the listener or host it arrived on hints least; a request
/// with none of them goes to the default dialect.
/// </summary>
internal enum DialectMatch
{
    /// <summary>Nothing in the request is this dialect's.</summary>
    None = 0,

    /// <summary>
    /// The request arrived where this dialect is the default: on one of its listeners, or for a host under one of its
    /// base domains. An anonymous request without dialect headers is known by this alone.
    /// </summary>
    Addressed = 1,

    /// <summary>The request carries headers of this dialect's family (x-amz-*, x-oss-*), but no signature of it.</summary>
    HeaderFamily = 2,

    /// <summary>The request is signed in one of this dialect's schemes, in a header or in the query.</summary>
    Signature = 3,
}
