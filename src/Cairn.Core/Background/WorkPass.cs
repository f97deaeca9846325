namespace Cairn.Core.Background;

/// <summary>What one pass of a <see cref="IBackgroundWork"/> did.</summary>
/// <param name="Done">Units of work done (for garbage collection: blob files deleted).</param>
/// <param name="MoreWaiting">True when the pass stopped at its bound with work left: the next pass should follow at once.</param>
public sealed record WorkPass(int Done, bool MoreWaiting);
