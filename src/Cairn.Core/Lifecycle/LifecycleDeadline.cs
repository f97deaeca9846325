namespace Cairn.Core.Lifecycle;

/// <summary>When an object expires or an upload is aborted, and the rule that decides it.</summary>
public readonly record struct LifecycleDeadline(DateTimeOffset At, string RuleId);
