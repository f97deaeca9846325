using System.Security.Cryptography;
using Cairn.Core.Identity;

namespace Cairn.Core.Tests.Identity;

/// <summary>A sealed secret opens with its master key for its own access key only, and any change to it is detected.</summary>
public sealed class SecretBoxTests
{
    private readonly SecretBox _box = new(RandomNumberGenerator.GetBytes(SecretBox.KeySize));

    [Fact]
    public void A_sealed_secret_opens_to_itself_and_does_not_show_it()
    {
        var sealedSecret = _box.Seal("AKALICE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

        Assert.StartsWith("v1:", sealedSecret, StringComparison.Ordinal);
        Assert.DoesNotContain("wJalrXUtnFEMI", sealedSecret, StringComparison.Ordinal);
        Assert.True(SecretBox.IsSealed(sealedSecret));
        Assert.True(_box.TryOpen("AKALICE", sealedSecret, out var opened));
        Assert.Equal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", opened);
    }

    [Fact]
    public void Sealing_twice_gives_different_text()
    {
        Assert.NotEqual(_box.Seal("AK", "secret"), _box.Seal("AK", "secret"));
    }

    [Fact]
    public void Any_altered_byte_is_detected()
    {
        var sealedSecret = _box.Seal("AKALICE", "secret");
        var bytes = Convert.FromBase64String(sealedSecret[3..]);

        for (var i = 0; i < bytes.Length; i++)
        {
            var altered = (byte[])bytes.Clone();
            altered[i] ^= 0x01;
            Assert.False(_box.TryOpen("AKALICE", "v1:" + Convert.ToBase64String(altered), out _), $"byte {i}");
        }

        Assert.False(_box.TryOpen("AKALICE", "v1:" + Convert.ToBase64String(bytes[..^1]), out _));
        Assert.False(_box.TryOpen("AKALICE", "v1:not base64!", out _));
        Assert.False(_box.TryOpen("AKALICE", "v1:", out _));
    }

    [Fact]
    public void Another_master_key_or_another_access_key_does_not_open_it()
    {
        var sealedSecret = _box.Seal("AKALICE", "hunter2-value");
        var other = new SecretBox(RandomNumberGenerator.GetBytes(SecretBox.KeySize));

        Assert.False(other.TryOpen("AKALICE", sealedSecret, out _));
        Assert.False(_box.TryOpen("AKBOB", sealedSecret, out _));
        var refused = Assert.Throws<UnreadableSecretException>(() => other.Reveal("AKALICE", sealedSecret));
        Assert.Equal("AKALICE", refused.AccessKeyId);
        Assert.DoesNotContain("hunter2-value", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_stored_before_sealing_is_revealed_as_it_is()
    {
        Assert.False(SecretBox.IsSealed("plain-secret"));
        Assert.Equal("plain-secret", _box.Reveal("AK", "plain-secret"));
    }

    [Fact]
    public void A_master_key_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new SecretBox(new byte[16]));
    }
}
