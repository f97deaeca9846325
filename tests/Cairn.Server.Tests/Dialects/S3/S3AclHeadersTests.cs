using Cairn.Core.Authorization.Acl;
using Cairn.Core.Errors;
using Cairn.Server.Dialects.S3;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Tests.Dialects.S3;

/// <summary>The grant headers' syntax: quoted or bare values, several grantees per header, one permission per header.</summary>
public class S3AclHeadersTests
{
    [Fact]
    public void Grant_headers_list_grantees_with_or_without_quotes()
    {
        var headers = new HeaderDictionary
        {
            ["x-amz-grant-read"] = "id=\"alice\", uri=\"http://acs.amazonaws.com/groups/global/AllUsers\"",
            ["x-amz-grant-full-control"] = "id=bob",
        };

        var request = S3AclHeaders.Read(headers);

        Assert.Null(request.Canned);
        Assert.Equal(
            [new Grant(Grantee.User("alice"), AclRight.Read), new Grant(Grantee.AllUsers, AclRight.Read), new Grant(Grantee.User("bob"), AclRight.FullControl)],
            request.Grants);
    }

    [Fact]
    public void No_acl_header_asks_for_nothing()
    {
        Assert.True(S3AclHeaders.Read(new HeaderDictionary()).IsEmpty);
    }

    [Theory]
    [InlineData("x-amz-grant-read", "id=")]
    [InlineData("x-amz-grant-read", "alice")]
    [InlineData("x-amz-grant-write", "canonical=\"alice\"")]
    [InlineData("x-amz-acl", "Public-Read")]
    [InlineData("x-amz-object-ownership", "Everyone")]
    public void A_malformed_value_is_InvalidArgument_naming_the_header(string header, string value)
    {
        var headers = new HeaderDictionary { [header] = value };

        var error = Assert.Throws<CairnException>(() =>
        {
            S3AclHeaders.Read(headers);
            S3AclHeaders.ReadOwnership(headers);
        });

        Assert.Equal(ErrorCode.InvalidArgument, error.Code);
        Assert.Equal(header, error.Details?.ArgumentName);
    }
}
