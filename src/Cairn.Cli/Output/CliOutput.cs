using System.Text.Json;
using System.Text.Json.Serialization;

namespace Cairn.Cli.Output;

/// <summary>
/// Where results and messages go. Results go to stdout — as text lines for people, or as one JSON document with
/// <c>--json</c> for scripts — and everything else (progress, notes, errors) to stderr, so
/// <c>cairn cp s3://b/k - | tool</c> and <c>cairn ls --json | jq</c> both stay clean.
/// </summary>
internal sealed class CliOutput
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private TextWriter _out;
    private readonly TextWriter _error;

    public CliOutput(bool json, TextWriter output, TextWriter error)
    {
        Json = json;
        _out = output;
        _error = error;
    }

    public bool Json { get; }

    /// <summary>Sends results to stderr from now on, because stdout carries data (<c>cp s3://… -</c>).</summary>
    public void MoveResultsToError() => _out = _error;

    public TextWriter Error => _error;

    /// <summary>A line of human output (ignored in JSON mode).</summary>
    public void Line(string text)
    {
        if (!Json)
        {
            _out.WriteLine(text);
        }
    }

    /// <summary>The JSON document of the command (ignored in text mode).</summary>
    public void Document(object value)
    {
        if (Json)
        {
            _out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));
        }
    }

    /// <summary>A note for people on stderr (progress-like information, hints), even in JSON mode.</summary>
    public void Note(string text) => _error.WriteLine(text);

    /// <summary>Ctrl-C or SIGTERM stopped the command (not an error of the command itself).</summary>
    public void Interrupted()
    {
        _error.WriteLine("cairn: interrupted");
        if (Json)
        {
            _out.WriteLine(JsonSerializer.Serialize(new { error = "interrupted", code = "Interrupted" }, JsonOptions));
        }
    }

    public void Failure(string message, string? code = null)
    {
        _error.WriteLine("cairn: error: " + message);
        if (Json)
        {
            _out.WriteLine(JsonSerializer.Serialize(new { error = message, code }, JsonOptions));
        }
    }
}
