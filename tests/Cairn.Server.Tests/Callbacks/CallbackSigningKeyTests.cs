using System.Security.Cryptography;
using System.Text;
using Cairn.Server.Callbacks;
using Cairn.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Cairn.Server.Tests.Callbacks;

/// <summary>
/// The key callbacks are signed with: made once into the data directory (0600) and shared by every node on it, and
/// signatures an app server verifies with nothing but the public PEM, MD5 and RSA PKCS#1 v1.5.
/// </summary>
public sealed class CallbackSigningKeyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cairn-callback-key-").FullName;

    private CallbackSigningKey NewKey() => new(Options.Create(new CairnOptions { DataDirectory = _directory }));

    [Fact]
    public void The_key_is_created_on_first_use_owner_only_and_shared_by_every_node_on_the_directory()
    {
        using var first = NewKey();
        using var second = NewKey();
        var path = Path.Combine(_directory, CallbackSigningKey.FileName);
        Assert.False(File.Exists(path));

        var pem = first.PublicKeyPem;

        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Equal(pem, second.PublicKeyPem);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem, StringComparison.Ordinal);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        Assert.Equal(2048, rsa.KeySize);
    }

    [Fact]
    public void A_signature_verifies_with_the_public_pem_over_the_md5_of_path_query_newline_and_body()
    {
        using var key = NewKey();
        var url = new Uri("http://10.0.0.1:8080/cb%20dir/index.php?id=1&index=2");
        var body = Encoding.UTF8.GetBytes("bucket=yonghu-test");

        var signature = key.Sign(CallbackSender.SignedContent(url, body));

        // What an app server computes from the request it received: decoded path, raw query with '?', "\n", body.
        var signed = Encoding.UTF8.GetBytes("/cb dir/index.php?id=1&index=2\nbucket=yonghu-test");
        using var publicKey = RSA.Create();
        publicKey.ImportFromPem(key.PublicKeyPem);
        Assert.True(publicKey.VerifyHash(MD5.HashData(signed), signature, HashAlgorithmName.MD5, RSASignaturePadding.Pkcs1));
        Assert.False(publicKey.VerifyHash(MD5.HashData(Encoding.UTF8.GetBytes("/other\nbucket=yonghu-test")), signature, HashAlgorithmName.MD5, RSASignaturePadding.Pkcs1));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
