namespace Cairn.Server.Callbacks;

/// <summary>
/// One value a callback body template refers to: its text, and whether a JSON body carries it as a number (the
/// object's size) rather than as a string.
/// </summary>
internal readonly record struct CallbackValue(string Text, bool IsNumber = false);
