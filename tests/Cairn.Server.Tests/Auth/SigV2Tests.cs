using Cairn.Core.Errors;
using Microsoft.AspNetCore.Http;
using static Cairn.Server.Tests.Auth.AuthTestKit;

namespace Cairn.Server.Tests.Auth;

/// <summary>The examples of AWS's "Signing and Authenticating REST Requests" (Signature Version 2) page.</summary>
public sealed class SigV2Tests
{
    [Fact]
    public void ObjectGetVirtualHosted()
    {
        var request = Request("GET", "/photos/puppy.jpg",
        [
            ("Host", "johnsmith.s3.amazonaws.com"),
            ("Date", "Tue, 27 Mar 2007 19:36:42 +0000"),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU="),
        ]);

        Assert.Equal(AccessKeyId, Authenticator(At("2007-03-27T19:36:42Z")).Authenticate(request, "johnsmith").Principal.AccessKeyId);
    }

    [Fact]
    public void ObjectGetPathStyleGivesTheSameResource()
    {
        var request = Request("GET", "/johnsmith/photos/puppy.jpg",
        [
            ("Host", "s3.amazonaws.com"),
            ("Date", "Tue, 27 Mar 2007 19:36:42 +0000"),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU="),
        ]);

        Assert.Equal(AccessKeyId, Authenticator(At("2007-03-27T19:36:42Z")).Authenticate(request, null).Principal.AccessKeyId);
    }

    [Fact]
    public void ObjectPutWithContentType()
    {
        var request = Request("PUT", "/photos/puppy.jpg",
        [
            ("Content-Type", "image/jpeg"),
            ("Content-Length", "94328"),
            ("Host", "johnsmith.s3.amazonaws.com"),
            ("Date", "Tue, 27 Mar 2007 21:15:45 +0000"),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:MyyxeRY7whkBe+bq8fHCL/2kKUg="),
        ]);

        Assert.Equal(AccessKeyId, Authenticator(At("2007-03-27T21:15:45Z")).Authenticate(request, "johnsmith").Principal.AccessKeyId);
    }

    [Fact]
    public void ListIgnoresNonSubresourceParameters()
    {
        var request = Request("GET", "/?prefix=photos&max-keys=50&marker=puppy",
        [
            ("User-Agent", "Mozilla/5.0"),
            ("Host", "johnsmith.s3.amazonaws.com"),
            ("Date", "Tue, 27 Mar 2007 19:42:41 +0000"),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:htDYFYduRNen8P9ZfE/s9SuKy0U="),
        ]);

        Assert.Equal(AccessKeyId, Authenticator(At("2007-03-27T19:42:41Z")).Authenticate(request, "johnsmith").Principal.AccessKeyId);
    }

    [Fact]
    public void FetchAclIncludesTheSubresource()
    {
        var request = Request("GET", "/?acl",
        [
            ("Host", "johnsmith.s3.amazonaws.com"),
            ("Date", "Tue, 27 Mar 2007 19:44:46 +0000"),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:c2WLPFtWHVgbEmeEG93a4cG37dM="),
        ]);

        Assert.Equal(AccessKeyId, Authenticator(At("2007-03-27T19:44:46Z")).Authenticate(request, "johnsmith").Principal.AccessKeyId);
    }

    [Fact]
    public void UploadWithAmzHeadersRepeatedAndMixedCase()
    {
        var request = Request("PUT", "/db-backup.dat.gz",
        [
            ("User-Agent", "curl/7.15.5"),
            ("Host", "static.johnsmith.net:8080"),
            ("Date", "Tue, 27 Mar 2007 21:06:08 +0000"),
            ("x-amz-acl", "public-read"),
            ("content-type", "application/x-download"),
            ("Content-MD5", "4gJE4saaMU4BqNR0kLY+lw=="),
            ("X-Amz-Meta-ReviewedBy", "joe@johnsmith.net"),
            ("X-Amz-Meta-ReviewedBy", "jane@johnsmith.net"),
            ("X-Amz-Meta-FileChecksum", "0x02661779"),
            ("X-Amz-Meta-ChecksumAlgorithm", "crc32"),
            ("Content-Disposition", "attachment; filename=database.dat"),
            ("Content-Encoding", "gzip"),
            ("Content-Length", "5913339"),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:ilyl83RwaSoYIEdixDQcA4OnAnc="),
        ]);

        Assert.Equal(AccessKeyId, Authenticator(At("2007-03-27T21:06:08Z")).Authenticate(request, "static.johnsmith.net").Principal.AccessKeyId);
    }

    [Fact]
    public void UnicodeKeysAreSignedAsSent()
    {
        var request = Request("GET", "/dictionary/fran%C3%A7ais/pr%c3%a9f%c3%a8re",
        [
            ("Host", "s3.amazonaws.com"),
            ("Date", "Wed, 28 Mar 2007 01:49:49 +0000"),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:DNEZGsoieTZ92F3bUfSPQcbGmlM="),
        ]);

        Assert.Equal(AccessKeyId, Authenticator(At("2007-03-28T01:49:49Z")).Authenticate(request, null).Principal.AccessKeyId);
    }

    [Fact]
    public void PresignedQueryVerifiesUntilItExpires()
    {
        var request = Request("GET", "/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620",
            [("Host", "johnsmith.s3.amazonaws.com")]);

        Assert.Equal(AccessKeyId, Authenticator(DateTimeOffset.FromUnixTimeSeconds(1175139620)).Authenticate(request, "johnsmith").Principal.AccessKeyId);
        var ex = Throws(ErrorCode.AccessDenied,
            () => Authenticator(DateTimeOffset.FromUnixTimeSeconds(1175139621)).Authenticate(request, "johnsmith"));
        Assert.Equal("Request has expired", ex.Detail);
    }

    [Fact]
    public void WrongSignatureUnknownKeyAndSkew()
    {
        Func<string, HttpRequest> make = signature => Request("GET", "/photos/puppy.jpg",
        [
            ("Host", "johnsmith.s3.amazonaws.com"),
            ("Date", "Tue, 27 Mar 2007 19:36:42 +0000"),
            ("Authorization", signature),
        ]);
        var now = At("2007-03-27T19:36:42Z");

        Throws(ErrorCode.SignatureDoesNotMatch, () => Authenticator(now).Authenticate(make("AWS AKIAIOSFODNN7EXAMPLE:cWq2s1WEIj+Ydj0vQ697zp+IXMU="), "johnsmith"));
        Throws(ErrorCode.SignatureDoesNotMatch, () => Authenticator(now).Authenticate(make("AWS AKIAIOSFODNN7EXAMPLE:not base64!"), "johnsmith"));
        Throws(ErrorCode.InvalidAccessKeyId, () => Authenticator(now).Authenticate(make("AWS NOSUCHKEY:bWq2s1WEIj+Ydj0vQ697zp+IXMU="), "johnsmith"));
        Throws(ErrorCode.AuthorizationHeaderMalformed, () => Authenticator(now).Authenticate(make("AWS AKIAIOSFODNN7EXAMPLE"), "johnsmith"));
        Throws(ErrorCode.RequestTimeTooSkewed, () => Authenticator(now.AddMinutes(20)).Authenticate(make("AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU="), "johnsmith"));
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
