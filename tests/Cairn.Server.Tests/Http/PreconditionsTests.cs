using Cairn.Core.Errors;
using Cairn.Core.Model;
using Cairn.Server.Dialects.S3;
using Cairn.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Cairn.Server.Tests.Http;

/// <summary>
/// Conditional requests per RFC 9110 §13.2.2 and the S3 GetObject/HeadObject/CopyObject pages:
/// If-Match, then If-Unmodified-Since (only without If-Match), then If-None-Match, then
/// If-Modified-Since (only without If-None-Match, only for reads).
/// </summary>
public class PreconditionsTests
{
    private const string ETag = "9bb58f26192e4ba00f01e2e7b136bbd8";
    private const string OtherETag = "0123456789abcdef0123456789abcdef";

    // Last-Modified: Wed, 01 May 2024 12:00:00.750 GMT (HTTP dates truncate to the second).
    private static readonly DateTimeOffset LastModified = new(2024, 5, 1, 12, 0, 0, 750, TimeSpan.Zero);
    private const string Before = "Wed, 01 May 2024 11:59:59 GMT";
    private const string Same = "Wed, 01 May 2024 12:00:00 GMT";
    private const string After = "Wed, 01 May 2024 12:00:01 GMT";

    private static readonly ObjectRecord Record = new()
    {
        Bucket = "b",
        Key = "k",
        Size = 11,
        ETag = ETag,
        LastModified = LastModified,
    };

    [Theory]
    [InlineData("\"" + ETag + "\"")]
    [InlineData(ETag)]
    [InlineData("\"9BB58F26192E4BA00F01E2E7B136BBD8\"")]
    [InlineData("9BB58F26192E4BA00F01E2E7B136BBD8")]
    [InlineData("*")]
    [InlineData("\"" + OtherETag + "\", \"" + ETag + "\"")]
    [InlineData("\"" + OtherETag + "\",\"" + ETag + "\"")]
    [InlineData("  \"" + ETag + "\"  ")]
    public void If_match_with_the_current_etag_passes(string ifMatch)
    {
        Check(isRead: true, ("If-Match", ifMatch));
        Check(isRead: false, ("If-Match", ifMatch));
    }

    [Theory]
    [InlineData("\"" + OtherETag + "\"")]
    [InlineData(OtherETag)]
    [InlineData("\"" + OtherETag + "\", \"ffff\"")]
    [InlineData("\"" + ETag + "-2\"")]
    public void If_match_with_another_etag_fails_with_412_for_reads_and_writes(string ifMatch)
    {
        Assert.Equal(ErrorCode.PreconditionFailed, Fails(isRead: true, ("If-Match", ifMatch)));
        Assert.Equal(ErrorCode.PreconditionFailed, Fails(isRead: false, ("If-Match", ifMatch)));
    }

    [Theory]
    [InlineData("\"" + ETag + "\"")]
    [InlineData(ETag)]
    [InlineData("\"9BB58F26192E4BA00F01E2E7B136BBD8\"")]
    [InlineData("*")]
    [InlineData("\"" + OtherETag + "\", \"" + ETag + "\"")]
    public void If_none_match_with_the_current_etag_is_not_modified_for_reads(string ifNoneMatch)
    {
        Assert.Equal(ErrorCode.NotModified, Fails(isRead: true, ("If-None-Match", ifNoneMatch)));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("\"" + ETag + "\"")]
    [InlineData(ETag)]
    public void If_none_match_with_the_current_etag_is_a_failed_precondition_for_writes(string ifNoneMatch)
    {
        Assert.Equal(ErrorCode.PreconditionFailed, Fails(isRead: false, ("If-None-Match", ifNoneMatch)));
    }

    [Theory]
    [InlineData("\"" + OtherETag + "\"")]
    [InlineData("\"" + OtherETag + "\", \"abc\"")]
    public void If_none_match_with_another_etag_passes(string ifNoneMatch)
    {
        Check(isRead: true, ("If-None-Match", ifNoneMatch));
        Check(isRead: false, ("If-None-Match", ifNoneMatch));
    }

    [Theory]
    [InlineData(Same)]
    [InlineData(After)]
    [InlineData("Thu, 01 Jan 2037 00:00:00 GMT")]
    public void If_unmodified_since_a_time_at_or_after_last_modified_passes(string date)
    {
        Check(isRead: true, ("If-Unmodified-Since", date));
    }

    [Theory]
    [InlineData(Before)]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT")]
    public void If_unmodified_since_a_time_before_last_modified_fails_with_412(string date)
    {
        Assert.Equal(ErrorCode.PreconditionFailed, Fails(isRead: true, ("If-Unmodified-Since", date)));
    }

    [Theory]
    [InlineData(Before)]
    [InlineData("Wednesday, 01-May-24 11:59:59 GMT")]
    [InlineData("Wed May  1 11:59:59 2024")]
    public void If_modified_since_a_time_before_last_modified_passes_in_every_http_date_format(string date)
    {
        Check(isRead: true, ("If-Modified-Since", date));
    }

    [Theory]
    [InlineData(Same)]
    [InlineData(After)]
    [InlineData("Wednesday, 01-May-24 12:00:00 GMT")]
    [InlineData("Wed May  1 12:00:00 2024")]
    public void If_modified_since_a_time_at_or_after_last_modified_is_not_modified(string date)
    {
        Assert.Equal(ErrorCode.NotModified, Fails(isRead: true, ("If-Modified-Since", date)));
    }

    [Theory]
    [InlineData("If-Modified-Since")]
    [InlineData("If-Unmodified-Since")]
    public void An_unparseable_date_is_ignored(string header)
    {
        Check(isRead: true, (header, "yesterday"));
        Check(isRead: true, (header, "Someday, 99 Foo 2024 25:61:61 XYZ"));
    }

    [Fact]
    public void If_match_that_holds_makes_a_failing_if_unmodified_since_irrelevant()
    {
        Check(isRead: true, ("If-Match", "\"" + ETag + "\""), ("If-Unmodified-Since", Before));
    }

    [Fact]
    public void If_match_that_fails_wins_over_a_passing_if_unmodified_since()
    {
        Assert.Equal(ErrorCode.PreconditionFailed, Fails(isRead: true, ("If-Match", OtherETag), ("If-Unmodified-Since", After)));
    }

    [Fact]
    public void If_none_match_that_holds_makes_a_failing_if_modified_since_irrelevant()
    {
        Check(isRead: true, ("If-None-Match", "\"" + OtherETag + "\""), ("If-Modified-Since", After));
    }

    [Fact]
    public void If_none_match_that_fails_is_not_modified_even_when_if_modified_since_holds()
    {
        Assert.Equal(ErrorCode.NotModified, Fails(isRead: true, ("If-None-Match", ETag), ("If-Modified-Since", Before)));
    }

    [Fact]
    public void A_failing_if_match_is_412_not_304_even_when_if_none_match_also_fails()
    {
        Assert.Equal(ErrorCode.PreconditionFailed, Fails(isRead: true, ("If-Match", OtherETag), ("If-None-Match", ETag)));
    }

    [Fact]
    public void A_failing_if_unmodified_since_is_412_before_if_none_match_is_looked_at()
    {
        Assert.Equal(ErrorCode.PreconditionFailed, Fails(isRead: true, ("If-Unmodified-Since", Before), ("If-None-Match", ETag)));
    }

    [Fact]
    public void If_match_and_if_none_match_that_both_hold_pass()
    {
        Check(isRead: true, ("If-Match", ETag), ("If-None-Match", OtherETag), ("If-Modified-Since", After), ("If-Unmodified-Since", Before));
    }

    [Fact]
    public void If_modified_since_is_ignored_for_writes()
    {
        // RFC 9110 §13.1.3: a recipient MUST ignore If-Modified-Since if the method is neither GET nor HEAD.
        Check(isRead: false, ("If-Modified-Since", After));
    }

    [Fact]
    public void A_failing_condition_names_the_header_that_failed()
    {
        var error = Assert.Throws<CairnException>(() => Preconditions.Check(ReadConditions(("If-None-Match", ETag)), Record, isRead: true));

        Assert.Equal("If-None-Match", error.Details!.Condition);
    }

    [Fact]
    public void No_conditional_headers_pass()
    {
        Check(isRead: true);
        Check(isRead: false);
    }

    // --- x-amz-copy-source-if-* (CopyObject, UploadPartCopy): every failure is 412 ---

    [Theory]
    [InlineData("x-amz-copy-source-if-match", "\"" + OtherETag + "\"")]
    [InlineData("x-amz-copy-source-if-none-match", "\"" + ETag + "\"")]
    [InlineData("x-amz-copy-source-if-none-match", "*")]
    [InlineData("x-amz-copy-source-if-modified-since", Same)]
    [InlineData("x-amz-copy-source-if-modified-since", After)]
    [InlineData("x-amz-copy-source-if-unmodified-since", Before)]
    public void A_failing_copy_source_condition_is_412_never_304(string header, string value)
    {
        Assert.Equal(ErrorCode.PreconditionFailed, FailsCopy((header, value)));
    }

    [Theory]
    [InlineData("x-amz-copy-source-if-match", "\"" + ETag + "\"")]
    [InlineData("x-amz-copy-source-if-match", "9BB58F26192E4BA00F01E2E7B136BBD8")]
    [InlineData("x-amz-copy-source-if-none-match", "\"" + OtherETag + "\"")]
    [InlineData("x-amz-copy-source-if-modified-since", Before)]
    [InlineData("x-amz-copy-source-if-unmodified-since", Same)]
    public void A_holding_copy_source_condition_passes(string header, string value)
    {
        Preconditions.CheckCopySource(CopySourceConditions((header, value)), Record);
    }

    [Fact]
    public void Copy_source_if_match_that_holds_overrides_a_failing_copy_source_if_unmodified_since()
    {
        // CopyObject: if-match true and if-unmodified-since false → 200 OK, the copy happens.
        Preconditions.CheckCopySource(
            CopySourceConditions(("x-amz-copy-source-if-match", ETag), ("x-amz-copy-source-if-unmodified-since", Before)), Record);
    }

    [Fact]
    public void Copy_source_if_none_match_that_fails_is_412_even_when_copy_source_if_modified_since_holds()
    {
        // CopyObject: if-none-match false and if-modified-since true → 412 Precondition Failed.
        Assert.Equal(ErrorCode.PreconditionFailed,
            FailsCopy(("x-amz-copy-source-if-none-match", ETag), ("x-amz-copy-source-if-modified-since", Before)));
    }

    [Fact]
    public void Copy_source_if_none_match_that_holds_overrides_a_failing_copy_source_if_modified_since()
    {
        Preconditions.CheckCopySource(
            CopySourceConditions(("x-amz-copy-source-if-none-match", OtherETag), ("x-amz-copy-source-if-modified-since", After)), Record);
    }

    [Fact]
    public void Plain_conditional_headers_do_not_apply_to_the_copy_source()
    {
        Preconditions.CheckCopySource(CopySourceConditions(("If-Match", OtherETag), ("If-None-Match", ETag), ("If-Unmodified-Since", Before)), Record);
    }

    [Fact]
    public void Copy_source_headers_do_not_apply_to_a_plain_read()
    {
        Check(isRead: true, ("x-amz-copy-source-if-match", OtherETag), ("x-amz-copy-source-if-none-match", ETag));
    }

    private static HeaderDictionary Headers(params (string Name, string Value)[] headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
        {
            dictionary[name] = value;
        }

        return dictionary;
    }

    /// <summary>A read's conditions, from the standard headers.</summary>
    private static ObjectConditions ReadConditions(params (string Name, string Value)[] headers) =>
        ObjectConditions.FromHeaders(Headers(headers));

    /// <summary>A copy source's conditions, as the S3 dialect reads them.</summary>
    private static ObjectConditions CopySourceConditions(params (string Name, string Value)[] headers) =>
        S3CopySource.ReadConditions(Headers(headers));

    private static void Check(bool isRead, params (string Name, string Value)[] headers) =>
        Preconditions.Check(ReadConditions(headers), Record, isRead);

    private static ErrorCode Fails(bool isRead, params (string Name, string Value)[] headers) =>
        Assert.Throws<CairnException>(() => Preconditions.Check(ReadConditions(headers), Record, isRead)).Code;

    private static ErrorCode FailsCopy(params (string Name, string Value)[] headers) =>
        Assert.Throws<CairnException>(() => Preconditions.CheckCopySource(CopySourceConditions(headers), Record)).Code;
}
