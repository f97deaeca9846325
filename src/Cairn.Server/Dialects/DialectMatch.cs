namespace Cairn.Server.Dialects;

/// <summary>
/// How surely a request belongs to a dialect, strongest last. A signature (an Authorization scheme or presign query
/// parameters) decides outright; a header family only hints; a request with neither (anonymous, no dialect headers)
/// goes to the default dialect.
/// </summary>
internal enum DialectMatch
{
    /// <summary>Nothing in the request is this dialect's.</summary>
    None = 0,

    /// <summary>The request carries headers of this dialect's family (x-amz-*, x-oss-*), but no signature of it.</summary>
    HeaderFamily = 1,

    /// <summary>The request is signed in one of this dialect's schemes, in a header or in the query.</summary>
    Signature = 2,
}
