using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;

namespace Cairn.Client.Iam;

/// <summary>
/// A small client for Cairn's admin API, which is IAM's query API on the S3 endpoint: each call is a form POST
/// (<c>Action=…&amp;Version=2010-05-08</c>) signed with SigV4 for service "iam", answered in IAM's XML. Covers the
/// user, access key and inline user policy actions Cairn implements, and Cairn's own VerifyStore; listings are followed across pages.
/// </summary>
public sealed class IamClient : IDisposable
{
    public const string Version = "2010-05-08";
    private const string Service = "iam";
    private const string FormContentType = "application/x-www-form-urlencoded; charset=utf-8";
    private static readonly XNamespace Ns = "https://iam.amazonaws.com/doc/2010-05-08/";

    private readonly CairnConnection _connection;
    private readonly HttpClient _http;
    private readonly QueryRequestSigner _signer;
    private readonly TimeProvider _time;

    public IamClient(CairnConnection connection, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(100) };
        _signer = new QueryRequestSigner(connection, Service);
        _time = time ?? TimeProvider.System;
    }

    public async Task<IamUser> CreateUserAsync(string userName, CancellationToken cancellationToken = default) =>
        ParseUser((await CallAsync("CreateUser", [new("UserName", userName)], cancellationToken)).Element(Ns + "User")!);

    /// <summary>The named user, or the caller when <paramref name="userName"/> is null.</summary>
    public async Task<IamUser> GetUserAsync(string? userName = null, CancellationToken cancellationToken = default) =>
        ParseUser((await CallAsync("GetUser", UserParameter(userName), cancellationToken)).Element(Ns + "User")!);

    public async Task<IReadOnlyList<IamUser>> ListUsersAsync(CancellationToken cancellationToken = default)
    {
        var users = new List<IamUser>();
        await foreach (var result in PagesAsync("ListUsers", [], cancellationToken).ConfigureAwait(false))
        {
            users.AddRange(Members(result, "Users").Select(ParseUser));
        }

        return users;
    }

    public Task DeleteUserAsync(string userName, CancellationToken cancellationToken = default) =>
        CallAsync("DeleteUser", [new("UserName", userName)], cancellationToken);

    /// <summary>A new key for the named user (the caller when null); its secret is in this answer only.</summary>
    public async Task<IamAccessKey> CreateAccessKeyAsync(string? userName = null, CancellationToken cancellationToken = default)
    {
        var key = (await CallAsync("CreateAccessKey", UserParameter(userName), cancellationToken)).Element(Ns + "AccessKey")!;
        return ParseKey(key) with { SecretAccessKey = Text(key, "SecretAccessKey") };
    }

    public async Task<IReadOnlyList<IamAccessKey>> ListAccessKeysAsync(string? userName = null, CancellationToken cancellationToken = default)
    {
        var keys = new List<IamAccessKey>();
        await foreach (var result in PagesAsync("ListAccessKeys", UserParameter(userName), cancellationToken).ConfigureAwait(false))
        {
            keys.AddRange(Members(result, "AccessKeyMetadata").Select(ParseKey));
        }

        return keys;
    }

    /// <summary>Switches a key on or off; <paramref name="status"/> is "Active" or "Inactive".</summary>
    public Task UpdateAccessKeyAsync(string? userName, string accessKeyId, string status, CancellationToken cancellationToken = default) =>
        CallAsync("UpdateAccessKey", [.. UserParameter(userName), new("AccessKeyId", accessKeyId), new("Status", status)], cancellationToken);

    public Task DeleteAccessKeyAsync(string? userName, string accessKeyId, CancellationToken cancellationToken = default) =>
        CallAsync("DeleteAccessKey", [.. UserParameter(userName), new("AccessKeyId", accessKeyId)], cancellationToken);

    public Task PutUserPolicyAsync(string userName, string policyName, string document, CancellationToken cancellationToken = default) =>
        CallAsync("PutUserPolicy", [new("UserName", userName), new("PolicyName", policyName), new("PolicyDocument", document)], cancellationToken);

    /// <summary>The policy document as it was put (the answer's URL encoding undone).</summary>
    public async Task<string> GetUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("GetUserPolicy", [new("UserName", userName), new("PolicyName", policyName)], cancellationToken);
        return Uri.UnescapeDataString(Text(result, "PolicyDocument") ?? string.Empty);
    }

    public async Task<IReadOnlyList<string>> ListUserPoliciesAsync(string userName, CancellationToken cancellationToken = default)
    {
        var names = new List<string>();
        await foreach (var result in PagesAsync("ListUserPolicies", [new("UserName", userName)], cancellationToken).ConfigureAwait(false))
        {
            names.AddRange(Members(result, "PolicyNames").Select(member => member.Value));
        }

        return names;
    }

    public Task DeleteUserPolicyAsync(string userName, string policyName, CancellationToken cancellationToken = default) =>
        CallAsync("DeleteUserPolicy", [new("UserName", userName), new("PolicyName", policyName)], cancellationToken);

    /// <summary>
    /// Cairn's VerifyStore: compares blob files with the metadata; with <paramref name="repair"/>, deletes orphan blobs
    /// and removes the rows whose data is missing.
    /// </summary>
    public async Task<StoreReport> VerifyStoreAsync(bool repair, CancellationToken cancellationToken = default) =>
        StoreReport.Parse(await CallAsync("VerifyStore", [new("Repair", repair ? "true" : "false")], cancellationToken).ConfigureAwait(false), Ns);

    /// <summary>
    /// Calls <paramref name="action"/> and returns its Result element (an empty one for actions that answer with
    /// response metadata only); an error answer throws <see cref="IamException"/>.
    /// </summary>
    public async Task<XElement> CallAsync(string action, IEnumerable<KeyValuePair<string, string>> parameters, CancellationToken cancellationToken = default)
    {
        var body = Encoding.UTF8.GetBytes(FormBody([new("Action", action), new("Version", Version), .. parameters]));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_connection.Endpoint, "/"));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(FormContentType);
        _signer.Sign(request, body, FormContentType, _time.GetUtcNow());

        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var document = TryParse(text);
        if (!response.IsSuccessStatusCode)
        {
            var error = document?.Root?.Element(Ns + "Error");
            throw new IamException(response.StatusCode,
                Text(error, "Code") ?? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
                Text(error, "Message") ?? response.ReasonPhrase ?? "The admin API refused the call.",
                Text(document?.Root, "RequestId"));
        }

        return document?.Root?.Element(Ns + action + "Result") ?? new XElement(Ns + action + "Result");
    }

    public void Dispose() => _http.Dispose();

    private async IAsyncEnumerable<XElement> PagesAsync(string action, KeyValuePair<string, string>[] parameters,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? marker = null;
        do
        {
            KeyValuePair<string, string>[] page = marker is null ? parameters : [.. parameters, new("Marker", marker)];
            var result = await CallAsync(action, page, cancellationToken).ConfigureAwait(false);
            yield return result;
            marker = Text(result, "IsTruncated") == "true" ? Text(result, "Marker") : null;
        }
        while (marker is not null);
    }

    private static KeyValuePair<string, string>[] UserParameter(string? userName) =>
        userName is null ? [] : [new("UserName", userName)];

    private static string FormBody(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    private static XDocument? TryParse(string text)
    {
        try
        {
            return text.Length == 0 ? null : XDocument.Parse(text);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static IEnumerable<XElement> Members(XElement result, string list) =>
        result.Element(Ns + list)?.Elements(Ns + "member") ?? [];

    private static string? Text(XElement? parent, string name) => parent?.Element(Ns + name)?.Value;

    private static DateTimeOffset Date(XElement parent) =>
        DateTimeOffset.Parse(Text(parent, "CreateDate") ?? string.Empty, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static IamUser ParseUser(XElement user) =>
        new(Text(user, "UserName") ?? string.Empty, Text(user, "UserId") ?? string.Empty, Text(user, "Arn") ?? string.Empty, Date(user));

    private static IamAccessKey ParseKey(XElement key) =>
        new(Text(key, "UserName") ?? string.Empty, Text(key, "AccessKeyId") ?? string.Empty, Text(key, "Status") ?? string.Empty, Date(key));
}
