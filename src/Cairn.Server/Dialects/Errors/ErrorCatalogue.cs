using System.Collections.Frozen;
using Cairn.Core.Errors;

namespace Cairn.Server.Dialects.Errors;

/// <summary>
/// The only place that knows wire codes, HTTP statuses and default messages (docs/s3-compatibility.md "Errors", AWS ErrorResponses).
/// </summary>
internal static class ErrorCatalogue
{
    private static readonly FrozenDictionary<ErrorCode, ErrorEntry> Entries = new Dictionary<ErrorCode, ErrorEntry>
    {
        [ErrorCode.InternalError] = new("InternalError", 500, "We encountered an internal error. Please try again."),
        [ErrorCode.NotImplemented] = new("NotImplemented", 501, "A header or query you provided implies functionality that is not implemented."),
        [ErrorCode.AccessDenied] = new("AccessDenied", 403, "Access Denied"),
        [ErrorCode.InvalidAccessKeyId] = new("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records."),
        [ErrorCode.SignatureDoesNotMatch] = new("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method."),
        [ErrorCode.RequestTimeTooSkewed] = new("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large."),
        [ErrorCode.AuthorizationHeaderMalformed] = new("AuthorizationHeaderMalformed", 400, "The authorization header is malformed."),
        [ErrorCode.AuthorizationQueryParametersError] = new("AuthorizationQueryParametersError", 400, "Error parsing the X-Amz-Credential parameter."),
        [ErrorCode.XAmzContentSHA256Mismatch] = new("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed."),
        [ErrorCode.NoSuchBucket] = new("NoSuchBucket", 404, "The specified bucket does not exist."),
        [ErrorCode.NoSuchKey] = new("NoSuchKey", 404, "The specified key does not exist."),
        [ErrorCode.NoSuchUpload] = new("NoSuchUpload", 404, "The specified multipart upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."),
        [ErrorCode.NoSuchVersion] = new("NoSuchVersion", 404, "The specified version does not exist."),
        [ErrorCode.InvalidBucketName] = new("InvalidBucketName", 400, "The specified bucket is not valid."),
        [ErrorCode.BucketAlreadyOwnedByYou] = new("BucketAlreadyOwnedByYou", 409, "Your previous request to create the named bucket succeeded and you already own it."),
        [ErrorCode.BucketAlreadyExists] = new("BucketAlreadyExists", 409, "The requested bucket name is not available."),
        [ErrorCode.BucketNotEmpty] = new("BucketNotEmpty", 409, "The bucket you tried to delete is not empty."),
        [ErrorCode.KeyTooLongError] = new("KeyTooLongError", 400, "Your key is too long."),
        [ErrorCode.InvalidArgument] = new("InvalidArgument", 400, "Invalid Argument"),
        [ErrorCode.InvalidRequest] = new("InvalidRequest", 400, "Invalid Request"),
        [ErrorCode.InvalidDigest] = new("InvalidDigest", 400, "The Content-MD5 you specified is not valid."),
        [ErrorCode.BadDigest] = new("BadDigest", 400, "The Content-MD5 you specified did not match what we received."),
        [ErrorCode.IncompleteBody] = new("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header."),
        [ErrorCode.MissingContentLength] = new("MissingContentLength", 411, "You must provide the Content-Length HTTP header."),
        [ErrorCode.EntityTooLarge] = new("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size."),
        [ErrorCode.EntityTooSmall] = new("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size."),
        [ErrorCode.MalformedXML] = new("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema."),
        [ErrorCode.InvalidRange] = new("InvalidRange", 416, "The requested range is not satisfiable."),
        [ErrorCode.PreconditionFailed] = new("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold."),
        [ErrorCode.NotModified] = new("NotModified", 304, "Not Modified"),
        [ErrorCode.InvalidPart] = new("InvalidPart", 400, "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."),
        [ErrorCode.InvalidPartOrder] = new("InvalidPartOrder", 400, "The list of parts was not in ascending order. The parts list must be specified in order by part number."),
        [ErrorCode.MalformedTrailerError] = new("MalformedTrailerError", 400, "The request contained trailing data that was not well-formed or did not conform to our published schema."),
        [ErrorCode.InvalidCopySource] = new("InvalidArgument", 400, "Copy Source must mention the source bucket and key: sourcebucket/sourcekey."),
        [ErrorCode.MethodNotAllowed] = new("MethodNotAllowed", 405, "The specified method is not allowed against this resource."),
        [ErrorCode.InvalidChunkSizeError] = new("InvalidChunkSizeError", 403, "Only the last chunk is allowed to have a size less than 8192 bytes."),
        [ErrorCode.SlowDown] = new("SlowDown", 503, "Please reduce your request rate."),
        [ErrorCode.ConditionalRequestConflict] = new("ConditionalRequestConflict", 409, "A conflicting conditional operation is currently in progress against this resource."),
        [ErrorCode.InvalidEncodingType] = new("InvalidArgument", 400, "Invalid Encoding Method specified in Request"),
        [ErrorCode.InvalidStorageClass] = new("InvalidStorageClass", 400, "The storage class you specified is not valid."),
        [ErrorCode.RequestTimeout] = new("RequestTimeout", 400, "Your socket connection to the server was not read from or written to within the timeout period."),
        // Not in AWS's table (S3 never runs out of space); 507 is HTTP's own status for it (RFC 4918), and as a
        // 5xx it tells clients the server, not the request, is at fault.
        [ErrorCode.InsufficientStorage] = new("InsufficientStorage", 507, "There is not enough free space on the server's data volume to store this request."),
        [ErrorCode.MalformedPolicy] = new("MalformedPolicy", 400, "Policies must be valid JSON and the first byte must be '{'"),
        [ErrorCode.NoSuchBucketPolicy] = new("NoSuchBucketPolicy", 404, "The bucket policy does not exist"),
        [ErrorCode.NoSuchPublicAccessBlockConfiguration] = new("NoSuchPublicAccessBlockConfiguration", 404, "The public access block configuration was not found"),
        [ErrorCode.OwnershipControlsNotFoundError] = new("OwnershipControlsNotFoundError", 404, "The bucket ownership controls were not found"),
        [ErrorCode.NoSuchCORSConfiguration] = new("NoSuchCORSConfiguration", 404, "The CORS configuration does not exist"),
        [ErrorCode.AccessControlListNotSupported] = new("AccessControlListNotSupported", 400, "The bucket does not allow ACLs"),
        [ErrorCode.InvalidBucketAclWithObjectOwnership] = new("InvalidBucketAclWithObjectOwnership", 400, "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting"),
        [ErrorCode.MalformedACLError] = new("MalformedACLError", 400, "The XML you provided was not well-formed or did not validate against our published schema"),
        [ErrorCode.UnresolvableGrantByEmailAddress] = new("UnresolvableGrantByEmailAddress", 400, "The e-mail address you provided does not match any account on record."),
        [ErrorCode.CorsForbidden] = new("AccessForbidden", 403, "CORSResponse: This CORS request is not allowed: no CORS rule of the bucket matches its origin, method and headers."),
        [ErrorCode.NoSuchEntity] = new("NoSuchEntity", 404, "The request was rejected because it referenced an entity that does not exist."),
        [ErrorCode.EntityAlreadyExists] = new("EntityAlreadyExists", 409, "The request was rejected because it attempted to create a resource that already exists."),
        [ErrorCode.DeleteConflict] = new("DeleteConflict", 409, "The request was rejected because it attempted to delete a resource that has attached subordinate entities."),
        [ErrorCode.LimitExceeded] = new("LimitExceeded", 409, "The request was rejected because it attempted to create resources beyond the current account limits."),
        [ErrorCode.MalformedPolicyDocument] = new("MalformedPolicyDocument", 400, "The policy document is malformed."),
        [ErrorCode.ValidationError] = new("ValidationError", 400, "The request did not satisfy a constraint."),
        [ErrorCode.InvalidAction] = new("InvalidAction", 400, "The action or operation requested is invalid."),
        [ErrorCode.InvalidClientTokenId] = new("InvalidClientTokenId", 403, "The security token included in the request is invalid."),
        [ErrorCode.MissingAuthenticationToken] = new("MissingAuthenticationToken", 403, "Request is missing Authentication Token"),
        [ErrorCode.BadRequest] = new("BadRequest", 400, "Bad Request"),
        [ErrorCode.InvalidToken] = new("InvalidToken", 400, "The provided token is malformed or otherwise invalid."),
        [ErrorCode.ExpiredToken] = new("ExpiredToken", 400, "The provided token has expired."),
        [ErrorCode.PackedPolicyTooLarge] = new("PackedPolicyTooLarge", 400, "The session policy is too large."),
        [ErrorCode.MalformedPOSTRequest] = new("MalformedPOSTRequest", 400, "The body of your POST request is not well-formed multipart/form-data."),
        [ErrorCode.InvalidPolicyDocument] = new("InvalidPolicyDocument", 400, "The content of the form does not meet the conditions specified in the policy document."),
        [ErrorCode.IncorrectNumberOfFilesInPostRequest] = new("IncorrectNumberOfFilesInPostRequest", 400, "POST requires exactly one file upload per request."),
        [ErrorCode.MaxPostPreDataLengthExceededError] = new("MaxPostPreDataLengthExceededError", 400, "Your POST request fields preceding the upload file were too large."),
        // OSS's answer when the object was stored but its upload callback failed (docs/oss-compatibility.md).
        [ErrorCode.CallbackFailed] = new("CallbackFailed", 203, "The upload callback failed; the object was stored."),
        [ErrorCode.InvalidTag] = new("InvalidTag", 400, "The tag provided was not a valid tag."),
        [ErrorCode.NoSuchTagSet] = new("NoSuchTagSet", 404, "The TagSet does not exist"),
        [ErrorCode.NoSuchLifecycleConfiguration] = new("NoSuchLifecycleConfiguration", 404, "The lifecycle configuration does not exist"),
    }.ToFrozenDictionary();

    public static ErrorEntry Get(ErrorCode code) => Entries[code];

    public static IEnumerable<ErrorCode> Codes => Entries.Keys;
}
