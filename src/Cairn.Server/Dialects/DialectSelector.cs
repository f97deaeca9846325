namespace Cairn.Server.Dialects;

/// <summary>
/// Picks the dialect of each request: the one whose marks the request carries most strongly (a signature over a
/// header family); on a tie the one registered first; when no dialect claims the request (anonymous, plain HTTP
/// headers only), the default. Selection never fails: a request that is nobody's is answered in the default
/// dialect, errors included.
/// </summary>
internal sealed class DialectSelector
{
    private readonly IDialect[] _dialects;

    public DialectSelector(IEnumerable<IDialect> dialects, IDialect fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        _dialects = [.. dialects];
        Default = fallback;
    }

    /// <summary>The dialect of requests no dialect claims.</summary>
    public IDialect Default { get; }

    public IDialect Select(HttpRequest request)
    {
        var best = Default;
        var bestMatch = DialectMatch.None;
        foreach (var dialect in _dialects)
        {
            var match = dialect.Match(request);
            if (match > bestMatch)
            {
                (best, bestMatch) = (dialect, match);
            }
        }

        return best;
    }
}
