using Cairn.Core.Errors;

namespace Cairn.Server.Callbacks;

/// <summary>
/// The one failure a callback the client asked for can be refused with before anything is stored: 400
/// InvalidArgument naming the argument that carried it (docs/oss-compatibility.md "Upload callbacks").
/// </summary>
internal static class CallbackFailures
{
    public static CairnException InvalidArgument(string argument, string message) =>
        new(ErrorCode.InvalidArgument, message)
        {
            Details = new ErrorDetails { ArgumentName = argument },
        };
}
