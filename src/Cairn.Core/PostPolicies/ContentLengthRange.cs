using Cairn.Core.Errors;

namespace Cairn.Core.PostPolicies;

/// <summary>
/// The file sizes a POST policy allows, bounds included. The upload is checked as it streams: the first byte past
/// <see cref="Max"/> fails it at once (EntityTooLarge), and its end below <see cref="Min"/> fails it before anything
/// is stored (EntityTooSmall).
/// </summary>
public sealed record ContentLengthRange(long Min, long Max)
{
    /// <summary>Throws EntityTooLarge once <paramref name="received"/> bytes are more than the policy allows.</summary>
    public void CheckReceived(long received)
    {
        if (received > Max)
        {
            throw new CairnException(ErrorCode.EntityTooLarge,
                $"Your proposed upload exceeds the maximum allowed size: the policy allows at most {Max} bytes.");
        }
    }

    /// <summary>Throws EntityTooSmall when the whole file, <paramref name="total"/> bytes, is less than the policy asks.</summary>
    public void CheckComplete(long total)
    {
        CheckReceived(total);
        if (total < Min)
        {
            throw new CairnException(ErrorCode.EntityTooSmall,
                $"Your proposed upload is smaller than the minimum allowed size: the policy asks for at least {Min} bytes.");
        }
    }
}
