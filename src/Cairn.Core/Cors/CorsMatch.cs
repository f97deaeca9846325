namespace Cairn.Core.Cors;

/// <summary>
/// The rule that allows a cross-origin request, and what the answer grants from it: the origin to allow (the
/// request's own, or <c>*</c> when the rule allows every origin) and whether credentialed requests may read it.
/// </summary>
public sealed record CorsMatch(CorsRule Rule, string AllowOrigin, bool AllowCredentials, IReadOnlyList<string> AllowHeaders);
