namespace Cairn.Core.Tagging;

/// <summary>One tag of an object or a bucket: a key and a value (which may be empty).</summary>
public readonly record struct Tag(string Key, string Value);
