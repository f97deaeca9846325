using Cairn.Core.Identity;
using Cairn.Core.Operations;

namespace Cairn.Core.Authorization;

/// <summary>
/// One question for the authorizer: may <see cref="Principal"/> perform <see cref="Operation"/> on
/// <see cref="Resource"/>? <see cref="Conditions"/> are the request's policy condition keys (aws:SourceIp,
/// s3:prefix...), keys compared ignoring case.
/// </summary>
public sealed record AccessRequest(
    Principal Principal,
    Operation Operation,
    ResourceRef Resource,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Conditions);
