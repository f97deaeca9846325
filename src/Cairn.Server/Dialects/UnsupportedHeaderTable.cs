using System.Collections.Frozen;
using Cairn.Server.Dialects.S3;

namespace Cairn.Server.Dialects;

/// <summary>
/// A dialect's request headers that ask for a feature Cairn does not have, each with the values that ask for exactly
/// what Cairn does anyway. Accepting and ignoring such a header would pretend: each answers 501 NotImplemented naming
/// the header, before anything is read or stored.
/// </summary>
internal sealed class UnsupportedHeaderTable
{
    private readonly string _prefix;
    private readonly FrozenDictionary<string, (string Feature, string[] Defaults)> _rules;

    /// <param name="prefix">The prefix every header of the table starts with (the dialect's own, "x-amz-" or "x-oss-").</param>
    /// <param name="rules">Header, the feature it asks for, and the values that ask for nothing Cairn lacks.</param>
    public UnsupportedHeaderTable(string prefix, IEnumerable<(string Header, string Feature, string[] Defaults)> rules)
    {
        _prefix = prefix;
        _rules = rules.ToFrozenDictionary(rule => rule.Header, rule => (rule.Feature, rule.Defaults), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Throws NotImplemented for the first header that asks for a missing feature.</summary>
    public void Check(IHeaderDictionary headers)
    {
        // The request's few headers are walked, not the table: this runs on every request.
        foreach (var (header, values) in headers)
        {
            if (!header.StartsWith(_prefix, StringComparison.OrdinalIgnoreCase) || !_rules.TryGetValue(header, out var rule))
            {
                continue;
            }

            var (feature, defaults) = rule;
            var value = values.ToString().Trim();
            if (!defaults.Any(d => string.Equals(d, value, StringComparison.OrdinalIgnoreCase)))
            {
                throw UnsupportedHeaders.NotImplemented(header, $"Cairn does not implement {feature}: the {header} header cannot be honoured, so nothing was done.");
            }
        }
    }
}
