namespace Cairn.Core.Authorization.Policies.Conditions;

/// <summary>
/// ARN values: each of the six ':'-separated components (the last keeps any further ':') is matched on its own, with
/// wildcards, case-sensitively; a request value that is not an ARN matches nothing.
/// </summary>
internal sealed class ArnTest(PolicyTemplate value) : IValueTest
{
    private const int Components = 6;

    public bool? Matches(string requestValue, PolicyContext context)
    {
        var pattern = value.Resolve(context);
        if (pattern is null)
        {
            return null;
        }

        var expected = pattern.Split(':', Components);
        var actual = requestValue.Split(':', Components);
        if (expected.Length != Components || actual.Length != Components)
        {
            return false;
        }

        for (var i = 0; i < Components; i++)
        {
            if (!expected[i].Matches(actual[i], ignoreCase: false))
            {
                return false;
            }
        }

        return true;
    }
}
