namespace Cairn.Server.Callbacks;

/// <summary>A callback target the safety rules refuse (<see cref="CallbackTargetRules"/>); the message says which rule.</summary>
internal sealed class CallbackTargetRefusedException(string message) : Exception(message);
