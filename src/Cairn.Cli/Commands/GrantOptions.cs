using System.CommandLine;
using Amazon.S3.Model;

namespace Cairn.Cli.Commands;

/// <summary>
/// <c>--grant-read</c>, <c>--grant-write</c>, <c>--grant-read-acp</c>, <c>--grant-write-acp</c> and
/// <c>--grant-full-control</c>: grantees in S3's x-amz-grant-* syntax (<c>id="…"</c>, <c>uri="…"</c>, several joined
/// by commas), passed on as those headers.
/// </summary>
internal sealed class GrantOptions
{
    private readonly Option<string?> _read = New("--grant-read", "READ");
    private readonly Option<string?> _write = New("--grant-write", "WRITE");
    private readonly Option<string?> _readAcp = New("--grant-read-acp", "READ_ACP");
    private readonly Option<string?> _writeAcp = New("--grant-write-acp", "WRITE_ACP");
    private readonly Option<string?> _fullControl = New("--grant-full-control", "FULL_CONTROL");

    public void AddTo(Command command)
    {
        foreach (var option in new[] { _read, _write, _readAcp, _writeAcp, _fullControl })
        {
            command.Options.Add(option);
        }
    }

    public bool AnyIn(CommandContext context) =>
        new[] { _read, _write, _readAcp, _writeAcp, _fullControl }.Any(option => context.Get(option) is not null);

    public void Apply(CommandContext context, PutBucketAclRequest request)
    {
        request.GrantRead = context.Get(_read);
        request.GrantWrite = context.Get(_write);
        request.GrantReadACP = context.Get(_readAcp);
        request.GrantWriteACP = context.Get(_writeAcp);
        request.GrantFullControl = context.Get(_fullControl);
    }

    public void Apply(CommandContext context, PutObjectAclRequest request)
    {
        request.GrantRead = context.Get(_read);
        request.GrantWrite = context.Get(_write);
        request.GrantReadACP = context.Get(_readAcp);
        request.GrantWriteACP = context.Get(_writeAcp);
        request.GrantFullControl = context.Get(_fullControl);
    }

    private static Option<string?> New(string name, string permission) =>
        new(name) { Description = $"Grant {permission} to grantees: id=\"canonical id\" or uri=\"group URI\", comma-separated" };
}
