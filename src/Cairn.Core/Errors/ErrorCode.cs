namespace Cairn.Core.Errors;

/// <summary>
/// Every failure Cairn reports to a client, independent of dialect. The server's error catalogue maps
/// each value to a wire code, an HTTP status and a message. Values are appended, never renumbered.
/// </summary>
public enum ErrorCode
{
    /// <summary>An unexpected failure inside Cairn; never used for bad input.</summary>
    InternalError,
    /// <summary>The operation or sub-resource is not implemented.</summary>
    NotImplemented,
    /// <summary>The request is not allowed for this identity (also: anonymous, expired presign).</summary>
    AccessDenied,
    /// <summary>The access key id is unknown.</summary>
    InvalidAccessKeyId,
    /// <summary>The computed request signature differs from the one sent.</summary>
    SignatureDoesNotMatch,
    /// <summary>The request time differs from the server's by more than 15 minutes.</summary>
    RequestTimeTooSkewed,
    /// <summary>The Authorization header cannot be parsed.</summary>
    AuthorizationHeaderMalformed,
    /// <summary>Presigned query parameters are missing or out of range (e.g. expiry over 7 days).</summary>
    AuthorizationQueryParametersError,
    /// <summary>The hex x-amz-content-sha256 does not match the body received.</summary>
    XAmzContentSHA256Mismatch,
    /// <summary>The bucket does not exist.</summary>
    NoSuchBucket,
    /// <summary>The key does not exist.</summary>
    NoSuchKey,
    /// <summary>The multipart upload does not exist (never existed, aborted or completed).</summary>
    NoSuchUpload,
    /// <summary>The version id is not one this bucket knows.</summary>
    NoSuchVersion,
    /// <summary>The bucket name breaks the DNS-style naming rules.</summary>
    InvalidBucketName,
    /// <summary>The bucket exists and belongs to the caller.</summary>
    BucketAlreadyOwnedByYou,
    /// <summary>The bucket exists and belongs to someone else.</summary>
    BucketAlreadyExists,
    /// <summary>DeleteBucket on a bucket that still holds objects.</summary>
    BucketNotEmpty,
    /// <summary>The object key is longer than the limit in UTF-8 bytes (other bad keys are InvalidArgument).</summary>
    KeyTooLongError,
    /// <summary>A request argument (header or query) is invalid.</summary>
    InvalidArgument,
    /// <summary>The request as a whole is invalid (conflicting or missing headers).</summary>
    InvalidRequest,
    /// <summary>Content-MD5 is not a base64 MD5.</summary>
    InvalidDigest,
    /// <summary>Content-MD5 or an x-amz-checksum-* value does not match the body.</summary>
    BadDigest,
    /// <summary>The body is shorter than announced or the connection was cut.</summary>
    IncompleteBody,
    /// <summary>A PUT without Content-Length or aws-chunked decoded length.</summary>
    MissingContentLength,
    /// <summary>The body or part exceeds the size limit.</summary>
    EntityTooLarge,
    /// <summary>A multipart part (but the last) is below the minimum size.</summary>
    EntityTooSmall,
    /// <summary>The XML body is not well-formed or not what the operation expects.</summary>
    MalformedXML,
    /// <summary>The Range cannot be satisfied for this object.</summary>
    InvalidRange,
    /// <summary>If-Match / If-Unmodified-Since failed.</summary>
    PreconditionFailed,
    /// <summary>If-None-Match / If-Modified-Since: the client's copy is current (304).</summary>
    NotModified,
    /// <summary>A Complete lists a part that does not exist or whose ETag differs.</summary>
    InvalidPart,
    /// <summary>A Complete lists parts not in ascending order.</summary>
    InvalidPartOrder,
    /// <summary>The aws-chunked trailer cannot be parsed.</summary>
    MalformedTrailerError,
    /// <summary>The copy source header is malformed or names a missing bucket.</summary>
    InvalidCopySource,
    /// <summary>The HTTP method is not allowed on this resource.</summary>
    MethodNotAllowed,
    /// <summary>A chunk of an aws-chunked body is malformed.</summary>
    InvalidChunkSizeError,
    /// <summary>The server is overloaded; retry later.</summary>
    SlowDown,
    /// <summary>A conditional write lost to a concurrent one.</summary>
    ConditionalRequestConflict,
    /// <summary>The encoding-type parameter is not 'url'.</summary>
    InvalidEncodingType,
    /// <summary>The storage class is not one Cairn knows.</summary>
    InvalidStorageClass,
    /// <summary>The request body stalled: no byte arrived within the idle timeout.</summary>
    RequestTimeout,
    /// <summary>
    /// The data volume has no room for this write: the free space would fall below the configured floor, or the
    /// disk filled up while writing (nothing was stored). Reads and deletes are never refused with it.
    /// </summary>
    InsufficientStorage,
    /// <summary>A bucket policy is not valid JSON or breaks the policy grammar; the message names what.</summary>
    MalformedPolicy,
    /// <summary>The bucket has no policy.</summary>
    NoSuchBucketPolicy,
    /// <summary>The bucket has no public access block.</summary>
    NoSuchPublicAccessBlockConfiguration,
    /// <summary>The bucket has no Object Ownership setting.</summary>
    OwnershipControlsNotFoundError,
    /// <summary>The bucket has no CORS configuration.</summary>
    NoSuchCORSConfiguration,
    /// <summary>An ACL was set or sent on a bucket whose ownership is BucketOwnerEnforced.</summary>
    AccessControlListNotSupported,
    /// <summary>CreateBucket asked for both an ACL and BucketOwnerEnforced.</summary>
    InvalidBucketAclWithObjectOwnership,
    /// <summary>The AccessControlPolicy XML is not well-formed or does not validate.</summary>
    MalformedACLError,
    /// <summary>A grant names an e-mail address; Cairn users have none.</summary>
    UnresolvableGrantByEmailAddress,
    /// <summary>A CORS preflight (or cross-origin request) matches no rule of the bucket.</summary>
    CorsForbidden,
    /// <summary>IAM: the user, key or policy named does not exist.</summary>
    NoSuchEntity,
    /// <summary>IAM: a user by that name exists.</summary>
    EntityAlreadyExists,
    /// <summary>IAM: the user still owns buckets or has keys or policies.</summary>
    DeleteConflict,
    /// <summary>IAM: a per-user limit (access keys) would be exceeded.</summary>
    LimitExceeded,
    /// <summary>IAM: a user policy is not valid; the message names what.</summary>
    MalformedPolicyDocument,
    /// <summary>IAM: a parameter breaks its constraints (length, pattern, required).</summary>
    ValidationError,
    /// <summary>IAM: the Action parameter names no action Cairn answers.</summary>
    InvalidAction,
    /// <summary>IAM: the access key id is unknown (IAM's spelling of InvalidAccessKeyId).</summary>
    InvalidClientTokenId,
    /// <summary>IAM: the call carries no signature at all (IAM answers no anonymous call).</summary>
    MissingAuthenticationToken,

    /// <summary>A CORS preflight lacks its Origin header or names no valid Access-Control-Request-Method.</summary>
    BadRequest,

    /// <summary>A session token that does not open, names another access key, or whose role or user is gone.</summary>
    InvalidToken,
    /// <summary>A session token past its expiration.</summary>
    ExpiredToken,
    /// <summary>STS: the session policy, packed, is larger than a session may carry.</summary>
    PackedPolicyTooLarge,
    /// <summary>POST Object: the body is not multipart/form-data, or a form field is missing or malformed.</summary>
    MalformedPOSTRequest,
    /// <summary>POST Object: the policy document is not valid JSON or breaks its grammar.</summary>
    InvalidPolicyDocument,
    /// <summary>POST Object: the form carries no file field, or more than one.</summary>
    IncorrectNumberOfFilesInPostRequest,
    /// <summary>POST Object: the form fields before the file are larger than the server reads.</summary>
    MaxPostPreDataLengthExceededError,

    /// <summary>
    /// The object was stored, but the upload callback it asked for failed (the app server was unreachable, slow, or
    /// answered badly): answered with 203 and the object kept.
    /// </summary>
    CallbackFailed,

    /// <summary>A tag set breaks S3's tag rules (count, lengths, characters, a repeated key); the message names which.</summary>
    InvalidTag,
    /// <summary>The bucket has no tags (GetBucketTagging).</summary>
    NoSuchTagSet,
    /// <summary>The bucket has no lifecycle configuration (OSS spells it NoSuchLifecycle).</summary>
    NoSuchLifecycleConfiguration,
}
