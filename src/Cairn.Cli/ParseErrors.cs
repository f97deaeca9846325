using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Help;
using System.CommandLine.Parsing;

namespace Cairn.Cli;

/// <summary>
/// Turns System.CommandLine's parse errors into the one line that <c>cairn: error:</c> shows. Its own messages
/// span several lines, name .NET types ("System.Int32"), and for an unknown word also complain that no command
/// was given; here only the first real cause is named, in the user's terms.
/// </summary>
internal static class ParseErrors
{
    /// <summary>What is wrong with the command line, or null when it parsed (or asks for help, which wins).</summary>
    public static string? Describe(ParseResult parse)
    {
        if (parse.Errors.Count == 0 || parse.Action is HelpAction)
        {
            return null;
        }

        if (parse.UnmatchedTokens.Count > 0)
        {
            var token = parse.UnmatchedTokens[0];
            return token.Length > 1 && token[0] == '-' ? $"unknown option '{token}'"
                : IsRoot(parse) ? $"unknown command '{token}'"
                : $"unexpected argument '{token}'";
        }

        var error = parse.Errors[0];
        return error.SymbolResult switch
        {
            CommandResult when IsRoot(parse) => "no command given",
            ArgumentResult { Tokens.Count: 0 } missing => $"missing argument <{missing.Argument.Name}>",
            OptionResult { IdentifierTokenCount: 0 } required => $"missing required option {required.Option.Name}",
            OptionResult { Tokens.Count: 0 } empty when empty.Option.Arity.MinimumNumberOfValues > 0 => $"option {empty.Option.Name} needs a value",
            OptionResult { Tokens.Count: > 0 } invalid => $"invalid value '{invalid.Tokens[^1].Value}' for {invalid.Option.Name}{Expected(invalid.Option)}",
            _ => string.Join(' ', error.Message.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        };
    }

    /// <summary>True when no command was recognised (bare <c>cairn</c>, an unknown command, a misplaced option).</summary>
    public static bool IsRoot(ParseResult parse) => parse.CommandResult.Command is RootCommand;

    /// <summary>How the user names the command in error hints: "cairn" or "cairn cp".</summary>
    public static string CommandPath(ParseResult parse) => IsRoot(parse) ? "cairn" : "cairn " + parse.CommandResult.Command.Name;

    private static string Expected(Option option)
    {
        var choices = option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return choices.Count > 0 ? $" (expected {string.Join(" or ", choices)})"
            : option.ValueType == typeof(int) ? " (expected a whole number)"
            : string.Empty;
    }
}
