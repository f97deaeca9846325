using System.Collections.Concurrent;

namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// Parsed policies by their text, so that a policy evaluated on every request is parsed once. Stored documents
/// were validated when they were put; one that no longer parses (written by an older or newer version) reads as
/// null and grants nothing. Bounded: a full cache starts afresh.
/// </summary>
public sealed class PolicyCache
{
    private const int MaxEntries = 4096;

    private readonly ConcurrentDictionary<(string Text, PolicyKind Kind), PolicyDocument?> _parsed = new();

    public PolicyDocument? Get(string text, PolicyKind kind)
    {
        if (_parsed.TryGetValue((text, kind), out var document))
        {
            return document;
        }

        try
        {
            document = PolicyDocument.Parse(text, kind);
        }
        catch (MalformedPolicyException)
        {
            document = null;
        }

        if (_parsed.Count >= MaxEntries)
        {
            _parsed.Clear();
        }

        _parsed[(text, kind)] = document;
        return document;
    }
}
