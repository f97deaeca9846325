using System.CommandLine;
using Amazon.S3;
using Cairn.Cli.Configuration;
using Cairn.Cli.Output;
using Cairn.Cli.Paths;
using Cairn.Client;
using Cairn.Client.Iam;

namespace Cairn.Cli;

/// <summary>
/// What a command needs for one invocation: the parsed arguments, the output, and (resolved only when asked, so
/// argument errors are reported before missing credentials) the connection and an S3 client for it.
/// </summary>
internal sealed class CommandContext
{
    private readonly GlobalOptions _globals;
    private readonly ConnectionResolver _resolver;
    private CairnConnection? _connection;

    public CommandContext(ParseResult parse, GlobalOptions globals, CliOutput output, ConnectionResolver resolver)
    {
        Parse = parse;
        _globals = globals;
        Output = output;
        _resolver = resolver;
    }

    public ParseResult Parse { get; }

    public CliOutput Output { get; }

    /// <summary>
    /// The bucket or object being worked on, which error messages name: an S3 error answer does not say which
    /// object it is about (a HEAD's has no body at all). Commands set it as they move from object to object.
    /// </summary>
    public S3Location? Subject { get; set; }

    public CairnConnection Connection => _connection ??= _resolver.Resolve(_globals.Flags(Parse));

    public AmazonS3Client CreateClient() => CairnS3ClientFactory.Create(Connection);

    /// <summary>A client for the admin API (IAM's query API) at the same endpoint, with the same credentials.</summary>
    public IamClient CreateIamClient() => new(Connection);

    public T? Get<T>(Option<T> option) => Parse.GetValue(option);

    public T? Get<T>(Argument<T> argument) => Parse.GetValue(argument);

    /// <summary>Parses an s3:// argument and makes it the <see cref="Subject"/>.</summary>
    public S3Location Locate(string text) => Subject = S3Location.Parse(text);
}
