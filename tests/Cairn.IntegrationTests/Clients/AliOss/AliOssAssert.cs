using System.Text.Json;

namespace Cairn.IntegrationTests.Clients.AliOss;

/// <summary>
/// Assertions on the steps an ali-oss command reports: each step is <c>{"ok": true, ...facts}</c> or, when the
/// server refused it, <c>{"ok": false, "status", "code", "message", "ec", "requestId"}</c>.
/// </summary>
internal static class AliOssAssert
{
    /// <summary>The step succeeded; returns it.</summary>
    public static JsonElement Ok(JsonElement step)
    {
        Assert.True(step.GetProperty("ok").GetBoolean(), $"The step failed: {step}");
        return step;
    }

    /// <summary>The step <paramref name="name"/> of <paramref name="result"/> succeeded; returns it.</summary>
    public static JsonElement Ok(JsonElement result, string name) => Ok(result.GetProperty(name));

    /// <summary>The server refused the step with <paramref name="status"/> and OSS error <paramref name="code"/>.</summary>
    public static void Refused(JsonElement step, int status, string code)
    {
        Assert.False(step.GetProperty("ok").GetBoolean(), $"Expected {status} {code}, the step succeeded: {step}");
        Assert.True(
            step.GetProperty("status").GetInt32() == status && step.GetProperty("code").GetString() == code,
            $"Expected {status} {code}: {step}");
    }

    /// <summary>A plain-HTTP answer (status and the Code of its error document) was <paramref name="status"/> <paramref name="code"/>.</summary>
    public static void Answered(JsonElement answer, int status, string? code)
    {
        Assert.True(
            answer.GetProperty("status").GetInt32() == status && Text(answer, "code") == code,
            $"Expected {status} {code}: {answer}");
    }

    /// <summary>An OSS ETag of an object stored in one piece: its MD5 in upper-case hex, quoted.</summary>
    public static string ETagOf(JsonElement digest) => "\"" + Text(digest, "md5")!.ToUpperInvariant() + "\"";

    /// <summary>A string property, or null when it is absent or null.</summary>
    public static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The strings of an array property.</summary>
    public static List<string> Strings(JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().Select(item => item.GetString()!).ToList();

    /// <summary>The numbers of an array property.</summary>
    public static List<int> Numbers(JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().Select(item => item.GetInt32()).ToList();
}
