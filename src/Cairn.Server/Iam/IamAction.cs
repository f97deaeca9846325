using System.Xml;

namespace Cairn.Server.Iam;

/// <summary>
/// One action of the admin API: its name (as in <c>Action=CreateUser</c> and in <c>iam:CreateUser</c>), what it
/// runs, and what it is about (<see cref="IamTarget"/>), which decides the resource ARN its permission is checked
/// on. Running returns the content of the action's Result element, or null when IAM answers the action with response
/// metadata only.
/// </summary>
internal sealed record IamAction(string Name, Func<IamCall, Task<Action<XmlWriter>?>> RunAsync, IamTarget Target = IamTarget.User);
