using System.Text;
using Cairn.Core.Errors;

namespace Cairn.Server.Dialects.Oss.Auth;

/// <summary>
/// The 403 SignatureDoesNotMatch of both OSS schemes, carrying what OSS shows to help a client find its mistake: the
/// string the server signed, as text and as hex bytes, and the signature the client sent.
/// </summary>
internal static class OssSignatureMismatch
{
    public static CairnException Create(string accessKeyId, string stringToSign, string provided) =>
        new(ErrorCode.SignatureDoesNotMatch, "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
        {
            Extra = new Dictionary<string, string>
            {
                ["OSSAccessKeyId"] = accessKeyId,
                ["StringToSign"] = stringToSign,
                ["SignatureProvided"] = provided,
                ["StringToSignBytes"] = HexBytes(stringToSign),
            },
        };

    /// <summary>The UTF-8 bytes as space-separated upper-case hex pairs (<c>47 45 54 0A</c>).</summary>
    private static string HexBytes(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            builder.Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
