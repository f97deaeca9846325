using System.Diagnostics.CodeAnalysis;

namespace Cairn.Tests.Shared;

/// <summary>
/// Something a test needs from its machine (an external program, permission to mount). When it is missing the
/// test is skipped on a developer machine and fails when <c>CI=true</c>: CI must never go green because a test
/// silently did not run. Shared by the test projects (linked source).
/// </summary>
public static class Prerequisite
{
    public static bool IsCi =>
        Environment.GetEnvironmentVariable("CI") is { } ci &&
        (ci.Equals("true", StringComparison.OrdinalIgnoreCase) || ci == "1");

    /// <summary>Skips the current test (it must be a SkippableFact), or fails it under CI.</summary>
    [DoesNotReturn]
    public static void Missing(string what, string reason)
    {
        Skip.If(!IsCi, $"{what} unavailable: {reason}");
        Assert.Fail($"Required {what} unavailable (CI=true, so this is a failure, not a skip): {reason}");
    }
}
