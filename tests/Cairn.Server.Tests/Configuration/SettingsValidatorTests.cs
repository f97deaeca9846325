using Cairn.Server.Configuration;
using Cairn.Server.Hosting;
using Microsoft.Extensions.Configuration;

namespace Cairn.Server.Tests.Configuration;

public sealed class SettingsValidatorTests
{
    [Fact]
    public void A_mistyped_section_is_named_with_the_key_it_was_meant_to_be()
    {
        Assert.Equal(
            "unknown setting 'Cairn:Limts:MaxPartSize' (did you mean 'Cairn:Limits:MaxPartSize'?)",
            CheckSection(("CAIRN:Limts:MaxPartSize", "1048576")));
    }

    [Fact]
    public void A_mistyped_key_is_named_with_the_nearest_key_at_its_level()
    {
        Assert.Equal(
            "unknown setting 'Cairn:Limits:MaxPartSzie' (did you mean 'Cairn:Limits:MaxPartSize'?)",
            CheckSection(("Cairn:Limits:MaxPartSzie", "1")));
        Assert.Equal(
            "unknown setting 'Cairn:DataDirectroy' (did you mean 'Cairn:DataDirectory'?)",
            CheckSection(("Cairn:DataDirectroy", "/srv")));
    }

    [Fact]
    public void Known_keys_pass_in_any_case_as_configuration_keys_do()
    {
        Assert.Null(CheckSection(
            ("cairn:datadirectory", "/srv/cairn"),
            ("CAIRN:URLS", "http://127.0.0.1:9000"),
            ("Cairn:RootUser", "u"),
            ("Cairn:GarbageCollectionInterval", "00:00:02"),
            ("Cairn:limits:MAXPARTSIZE", "1048576"),
            ("Cairn:Limits:InlineObjectMaxSize", "0")));
    }

    [Fact]
    public void Keys_outside_the_section_are_not_checked()
    {
        Assert.Null(CheckSection(("PATH", "/usr/bin"), ("CAIRN_ROOT_USER", "u"), ("Logging:LogLevel:Default", "Debug")));
    }

    [Fact]
    public void A_value_its_setting_cannot_take_is_refused_naming_the_key_and_the_expected_form()
    {
        Assert.Equal(
            "invalid value 'abc' for 'Cairn:Limits:MaxPartSize' (expected a whole number)",
            CheckSection(("Cairn:Limits:MaxPartSize", "abc")));
        Assert.Equal(
            "invalid value 'soon' for 'Cairn:GarbageCollectionInterval' (expected a duration such as 00:01:00)",
            CheckSection(("Cairn:GarbageCollectionInterval", "soon")));
    }

    [Fact]
    public void A_negative_duration_is_refused()
    {
        // A negative startup grace would sweep temp files that other nodes are still writing.
        Assert.Equal(
            "invalid value '-01:00:00' for 'Cairn:StartupSweepGrace' (expected a duration such as 00:01:00)",
            CheckSection(("Cairn:StartupSweepGrace", "-01:00:00")));
        Assert.Null(CheckSection(("Cairn:StartupSweepGrace", "00:00:00")));
    }

    [Fact]
    public void The_clock_is_not_a_setting()
    {
        Assert.StartsWith("unknown setting 'Cairn:Time'", CheckSection(("Cairn:Time", "x")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_given_to_a_group_or_keys_given_under_a_value_are_refused()
    {
        Assert.StartsWith("'Cairn:Limits' is a group of settings", CheckSection(("Cairn:Limits", "5")), StringComparison.Ordinal);
        Assert.StartsWith("unknown setting 'Cairn:Urls:0'", CheckSection(("Cairn:Urls:0", "http://x")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_flag_is_named_with_the_nearest_known_flag()
    {
        Assert.Equal("unknown flag --metdata (did you mean --metadata?)", CheckFlags("--metdata", "/srv"));
        Assert.Equal("unknown flag --dta (did you mean --data?)", CheckFlags("--dta", "/srv"));
        Assert.Equal("unknown flag --DataDirectory (did you mean --Cairn:DataDirectory?)", CheckFlags("--DataDirectory=/srv"));
        Assert.Equal("unknown flag -d (did you mean --data?)", CheckFlags("-d", "/srv"));
    }

    [Fact]
    public void Short_flags_and_section_keys_pass_in_every_form_the_command_line_provider_reads()
    {
        Assert.Null(CheckFlags(
            "--data", "/srv", "--URLS=http://127.0.0.1:9000", "/region", "eu-west-1", "--domain", "s3.test",
            "--Cairn:Limits:MaxPartSize=5", "--cairn:Region", "x", "/Cairn:Domain=y", "Cairn:Urls=http://127.0.0.1:1"));
    }

    [Fact]
    public void A_flag_without_its_value_is_refused()
    {
        Assert.Equal("flag --data needs a value", CheckFlags("--urls", "http://127.0.0.1:9000", "--data"));
    }

    [Fact]
    public void A_stray_argument_is_refused()
    {
        Assert.StartsWith("unexpected argument 'serve'", CheckFlags("serve"), StringComparison.Ordinal);
    }

    [Fact]
    public void Section_keys_given_as_flags_are_checked_with_the_section()
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(["--Cairn:Limits:Limts=1"]).Build();

        Assert.Null(CheckFlags("--Cairn:Limits:Limts=1"));
        Assert.StartsWith(
            "unknown setting 'Cairn:Limits:Limts'",
            SettingsValidator.CheckSection(configuration.GetSection(CairnOptions.SectionName), typeof(CairnOptions)),
            StringComparison.Ordinal);
    }

    private static string? CheckSection(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return SettingsValidator.CheckSection(configuration.GetSection(CairnOptions.SectionName), typeof(CairnOptions));
    }

    private static string? CheckFlags(params string[] args) =>
        SettingsValidator.CheckFlags(args, ServerSettings.ShortFlags, CairnOptions.SectionName, typeof(CairnOptions));
}
