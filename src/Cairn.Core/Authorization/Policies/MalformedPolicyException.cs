namespace Cairn.Core.Authorization.Policies;

/// <summary>
/// A policy document that cannot be accepted; the message names what is wrong (the element, the operator, the
/// value). The S3 dialect answers it as MalformedPolicy, the IAM API as MalformedPolicyDocument.
/// </summary>
public sealed class MalformedPolicyException(string message) : Exception(message);
