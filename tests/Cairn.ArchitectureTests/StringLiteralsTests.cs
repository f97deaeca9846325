using Cairn.ArchitectureTests.Support;

namespace Cairn.ArchitectureTests;

/// <summary>The literal finder the wire-spelling rule relies on: it must see every kind of string and nothing else.</summary>
public sealed class StringLiteralsTests
{
    [Fact]
    public void Comments_and_character_literals_are_not_strings()
    {
        const string source = """
            // "in a line comment"
            /* "in a block
               comment" */
            var quote = '"';
            var escaped = '\'';
            var real = "real";
            """;

        Assert.Equal([new(6, "real")], StringLiterals.In(source));
    }

    [Fact]
    public void Verbatim_strings_span_lines_and_double_their_quotes()
    {
        const string source = "var a = @\"first\nsecond \"\"quoted\"\"\";\nvar b = \"after\";";

        Assert.Equal([new(1, "first\nsecond \"\"quoted\"\""), new(3, "after")], StringLiterals.In(source));
    }

    [Fact]
    public void Interpolated_strings_keep_their_text_and_literals_in_their_holes_are_found_on_their_own()
    {
        const string source = """
            var a = $"x-{(flag ? "inner" : name)}-{{braces}}-{value:X4}";
            var b = "escaped \" quote";
            """;

        Assert.Equal(
            [new(1, "inner"), new(1, "x--{braces}-"), new(2, "escaped \\\" quote")],
            StringLiterals.In(source));
    }

    [Fact]
    public void Raw_strings_end_at_as_many_quotes_as_opened_them()
    {
        var source = "var a = \"\"\"\"\n  has \"\"\" inside\n  \"\"\"\";\nvar b = \"next\";";

        Assert.Equal([new(1, "\n  has \"\"\" inside\n  "), new(4, "next")], StringLiterals.In(source));
    }
}
