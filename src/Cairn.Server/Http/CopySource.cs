using Cairn.Core.Errors;
using Cairn.Server.Routing;

namespace Cairn.Server.Http;

/// <summary>
/// The object a copy reads, from the copy-source header's value "[/]bucket/key[?versionId=id]", URL-encoded: the
/// dialect names the header, the format is the same in every dialect.
/// </summary>
internal sealed record CopySource(string Bucket, string Key)
{
    public static CopySource Parse(string? header, string headerName)
    {
        if (string.IsNullOrEmpty(header))
        {
            throw new CairnException(ErrorCode.InvalidCopySource);
        }

        var text = header;
        var query = text.IndexOf('?');
        if (query >= 0)
        {
            var parameters = text[(query + 1)..];
            text = text[..query];
            foreach (var pair in parameters.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                if (pair.StartsWith("versionId=", StringComparison.Ordinal))
                {
                    VersionIdQuery.RequireNull(ResourcePath.Decode(pair["versionId=".Length..]));
                }
            }
        }

        var decoded = ResourcePath.Decode(text).TrimStart('/');
        var slash = decoded.IndexOf('/');
        if (slash <= 0 || slash == decoded.Length - 1)
        {
            throw new CairnException(ErrorCode.InvalidCopySource);
        }

        if (Core.Names.ObjectKey.FirstNonXmlCharacter(decoded) is { } bad)
        {
            throw new CairnException(ErrorCode.InvalidArgument, $"The copy source contains the control character U+{(int)bad:X4}; no object key can hold it.")
            {
                Details = new ErrorDetails { ArgumentName = headerName },
            };
        }

        return new CopySource(decoded[..slash], decoded[(slash + 1)..]);
    }
}
