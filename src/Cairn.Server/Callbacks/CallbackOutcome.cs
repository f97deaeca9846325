namespace Cairn.Server.Callbacks;

/// <summary>Why a callback failed, as the metrics label it.</summary>
internal enum CallbackFailure
{
    /// <summary>The safety rules refused the target when it was connected to (its name resolved elsewhere by then).</summary>
    Refused,

    /// <summary>No connection could be made, or it broke before an answer.</summary>
    Connect,

    /// <summary>No complete answer within <c>Cairn:Oss:Callback:Timeout</c>.</summary>
    Timeout,

    /// <summary>The app server answered with a status other than 200.</summary>
    Status,

    /// <summary>The answer's body is not JSON.</summary>
    NotJson,

    /// <summary>The answer's body is larger than <see cref="CallbackSender.MaxResponseBytes"/>.</summary>
    TooLarge,
}

/// <summary>
/// How a callback went: the app server's JSON answer, or the failure of the last URL tried with a message for the
/// client (the facts OSS reports in its CallbackFailed messages, such as the status the app server answered).
/// </summary>
internal sealed record CallbackOutcome(byte[]? Body, CallbackFailure? Failure, string Message)
{
    public bool Succeeded => Body is not null;

    public static CallbackOutcome Success(byte[] body) => new(body, null, string.Empty);

    public static CallbackOutcome Failed(CallbackFailure failure, string message) => new(null, failure, message);
}
