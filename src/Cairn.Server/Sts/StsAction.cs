using System.Xml;
using Cairn.Server.Iam;

namespace Cairn.Server.Sts;

/// <summary>One STS action: its name (<c>Action=AssumeRole</c>, <c>sts:AssumeRole</c>) and what it runs, which returns the content of its Result element.</summary>
internal sealed record StsAction(string Name, Func<QueryApiRequest, Task<Action<XmlWriter>?>> RunAsync);
