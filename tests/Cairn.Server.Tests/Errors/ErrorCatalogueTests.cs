using Cairn.Core.Errors;
using Cairn.Server.Dialects.Errors;

namespace Cairn.Server.Tests.Errors;

public class ErrorCatalogueTests
{
    /// <summary>Codes that mean the server, not the request, is at fault.</summary>
    private static readonly ErrorCode[] ServerSideCodes = [ErrorCode.InternalError, ErrorCode.NotImplemented, ErrorCode.SlowDown, ErrorCode.InsufficientStorage];

    public static TheoryData<string> AllCodes => new(Enum.GetNames<ErrorCode>());

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void Every_error_code_has_a_catalogue_entry(string name)
    {
        var code = Enum.Parse<ErrorCode>(name);

        Assert.Contains(code, ErrorCatalogue.Codes);
        var entry = ErrorCatalogue.Get(code);
        Assert.False(string.IsNullOrWhiteSpace(entry.Code));
        Assert.False(string.IsNullOrWhiteSpace(entry.Message));
        if (code == ErrorCode.CallbackFailed)
        {
            // The one failure whose write succeeded: OSS answers it 203, the object stored.
            Assert.Equal(203, entry.Status);
            return;
        }

        Assert.InRange(entry.Status, 300, 599);
    }

    [Fact]
    public void The_catalogue_has_no_entry_for_an_unknown_code()
    {
        Assert.Equal(Enum.GetValues<ErrorCode>().Length, ErrorCatalogue.Codes.Count());
    }

    /// <summary>docs/s3-compatibility.md "Errors" (AWS ErrorResponses): wire code and HTTP status.</summary>
    [Theory]
    [InlineData(nameof(ErrorCode.InvalidArgument), "InvalidArgument", 400)]
    [InlineData(nameof(ErrorCode.EntityTooSmall), "EntityTooSmall", 400)]
    [InlineData(nameof(ErrorCode.EntityTooLarge), "EntityTooLarge", 400)]
    [InlineData(nameof(ErrorCode.InvalidPart), "InvalidPart", 400)]
    [InlineData(nameof(ErrorCode.InvalidPartOrder), "InvalidPartOrder", 400)]
    [InlineData(nameof(ErrorCode.MalformedXML), "MalformedXML", 400)]
    [InlineData(nameof(ErrorCode.BadDigest), "BadDigest", 400)]
    [InlineData(nameof(ErrorCode.InvalidDigest), "InvalidDigest", 400)]
    [InlineData(nameof(ErrorCode.XAmzContentSHA256Mismatch), "XAmzContentSHA256Mismatch", 400)]
    [InlineData(nameof(ErrorCode.IncompleteBody), "IncompleteBody", 400)]
    [InlineData(nameof(ErrorCode.InvalidRequest), "InvalidRequest", 400)]
    [InlineData(nameof(ErrorCode.MissingContentLength), "MissingContentLength", 411)]
    [InlineData(nameof(ErrorCode.NoSuchUpload), "NoSuchUpload", 404)]
    [InlineData(nameof(ErrorCode.NoSuchKey), "NoSuchKey", 404)]
    [InlineData(nameof(ErrorCode.NoSuchBucket), "NoSuchBucket", 404)]
    [InlineData(nameof(ErrorCode.PreconditionFailed), "PreconditionFailed", 412)]
    [InlineData(nameof(ErrorCode.InvalidRange), "InvalidRange", 416)]
    [InlineData(nameof(ErrorCode.ConditionalRequestConflict), "ConditionalRequestConflict", 409)]
    [InlineData(nameof(ErrorCode.AccessDenied), "AccessDenied", 403)]
    [InlineData(nameof(ErrorCode.SignatureDoesNotMatch), "SignatureDoesNotMatch", 403)]
    [InlineData(nameof(ErrorCode.InvalidAccessKeyId), "InvalidAccessKeyId", 403)]
    [InlineData(nameof(ErrorCode.RequestTimeTooSkewed), "RequestTimeTooSkewed", 403)]
    [InlineData(nameof(ErrorCode.AuthorizationHeaderMalformed), "AuthorizationHeaderMalformed", 400)]
    [InlineData(nameof(ErrorCode.AuthorizationQueryParametersError), "AuthorizationQueryParametersError", 400)]
    [InlineData(nameof(ErrorCode.InternalError), "InternalError", 500)]
    [InlineData(nameof(ErrorCode.SlowDown), "SlowDown", 503)]
    public void Statuses_match_the_aws_error_table_in_the_spec(string name, string wireCode, int status)
    {
        var entry = ErrorCatalogue.Get(Enum.Parse<ErrorCode>(name));

        Assert.Equal((wireCode, status), (entry.Code, entry.Status));
    }

    /// <summary>Other codes of the AWS ErrorResponses page.</summary>
    [Theory]
    [InlineData(nameof(ErrorCode.NotImplemented), "NotImplemented", 501)]
    [InlineData(nameof(ErrorCode.NoSuchVersion), "NoSuchVersion", 404)]
    [InlineData(nameof(ErrorCode.InvalidBucketName), "InvalidBucketName", 400)]
    [InlineData(nameof(ErrorCode.BucketAlreadyOwnedByYou), "BucketAlreadyOwnedByYou", 409)]
    [InlineData(nameof(ErrorCode.BucketAlreadyExists), "BucketAlreadyExists", 409)]
    [InlineData(nameof(ErrorCode.BucketNotEmpty), "BucketNotEmpty", 409)]
    [InlineData(nameof(ErrorCode.KeyTooLongError), "KeyTooLongError", 400)]
    [InlineData(nameof(ErrorCode.MethodNotAllowed), "MethodNotAllowed", 405)]
    [InlineData(nameof(ErrorCode.InvalidStorageClass), "InvalidStorageClass", 400)]
    [InlineData(nameof(ErrorCode.NotModified), "NotModified", 304)]
    [InlineData(nameof(ErrorCode.InvalidCopySource), "InvalidArgument", 400)]
    [InlineData(nameof(ErrorCode.InvalidEncodingType), "InvalidArgument", 400)]
    public void Other_codes_use_the_aws_wire_code_and_status(string name, string wireCode, int status)
    {
        var entry = ErrorCatalogue.Get(Enum.Parse<ErrorCode>(name));

        Assert.Equal((wireCode, status), (entry.Code, entry.Status));
    }

    /// <summary>Not an AWS code (S3 never fills up): HTTP's own 507, so clients see the server is at fault.</summary>
    [Fact]
    public void A_full_data_volume_answers_507_InsufficientStorage()
    {
        var entry = ErrorCatalogue.Get(ErrorCode.InsufficientStorage);

        Assert.Equal(("InsufficientStorage", 507), (entry.Code, entry.Status));
    }

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void No_code_for_bad_client_input_answers_with_a_5xx_status(string name)
    {
        var code = Enum.Parse<ErrorCode>(name);
        if (ServerSideCodes.Contains(code))
        {
            Assert.InRange(ErrorCatalogue.Get(code).Status, 500, 599);
            return;
        }

        Assert.InRange(ErrorCatalogue.Get(code).Status, code == ErrorCode.CallbackFailed ? 203 : 300, 499);
    }
}
