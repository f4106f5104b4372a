using System.CommandLine;
using Vigil.Cli;
using Vigil.Ledger;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Runs.Office;

namespace Vigil.IntegrationTests;

/// <summary>
/// User errors in the user's words with the README's exit codes: command-line mistakes exit 2, read commands never
/// create a ledger, status names in any case, no .NET type names in messages.
/// </summary>
public sealed class UserErrorTests : IDisposable
{
    private static readonly DateTimeOffset Nov2026 = new(2026, 11, 25, 2, 30, 0, TimeSpan.Zero);

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("ledger", "list")]
    [InlineData("ledger", "list", "--ledger")]
    [InlineData("ledger", "list", "--ledger", "x.gpkg", "--nope")]
    [InlineData("ledger", "shwo", "--ledger", "x.gpkg")]
    [InlineData("worklist", "--ledger", "x.gpkg", "--out", "lists")]
    [InlineData("report", "--out", "r")]
    public async Task A_missing_required_option_or_a_parse_error_exits_2_and_names_the_option(params string[] args)
    {
        var root = new RootCommand { LedgerCommand.Create(), WorkListCommand.Create(), ReportCommand.Create() };
        var error = new StringWriter();

        var code = await CommandLine.InvokeAsync(root, args, error);

        Assert.Equal(ExitCodes.BadConfiguration, code);
        Assert.Contains("--help' lists the options", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists("x.gpkg"));
    }

    [Theory]
    [InlineData("run", "--input", "a.tif", "--baseline", "b.geojson", "--ledger", "x.gpkg", "--lang", "xx")]
    [InlineData("worklist", "--ledger", "x.gpkg", "--out", "lists", "--team", "A", "--lang", "xx")]
    [InlineData("report", "--ledger", "x.gpkg", "--out", "r", "--lang=fr")]
    public async Task An_unknown_language_exits_2_naming_the_option_and_its_languages(params string[] args)
    {
        var root = new RootCommand { RunCommand.Create(), WorkListCommand.Create(), ReportCommand.Create() };
        var error = new StringWriter();

        var code = await CommandLine.InvokeAsync(root, args, error);

        Assert.Equal(ExitCodes.BadConfiguration, code);
        var first = error.ToString().Split('\n')[0];
        Assert.StartsWith("vigil: unknown language '", first, StringComparison.Ordinal);
        Assert.EndsWith("--lang takes zh-CN or en", first.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists("x.gpkg"));
    }

    [Fact]
    public async Task Help_is_no_error()
    {
        var root = new RootCommand { LedgerCommand.Create() };

        Assert.Equal(ExitCodes.Success, await CommandLine.InvokeAsync(root, ["ledger", "list", "--help"], TextWriter.Null));
    }

    [Fact]
    public void Read_and_change_commands_on_a_mistyped_ledger_path_exit_2_and_create_nothing()
    {
        var mistyped = _temp.File("ledgr.gpkg");
        var ran = false;

        var list = LedgerCommand.WithStore(mistyped, _ => { ran = true; return ExitCodes.Success; });
        var error = Assert.Throws<RunFailedException>(() => LedgerLocation.OpenExisting(mistyped));

        Assert.Equal(ExitCodes.BadConfiguration, list);
        Assert.False(ran);
        Assert.False(File.Exists(mistyped), "a read command created a ledger");
        Assert.Equal(ExitCodes.BadConfiguration, error.ExitCode);
        Assert.Contains($"no ledger at {mistyped}", error.Message, StringComparison.Ordinal);
        Assert.Contains("vigil ledger init", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ledger_init_creates_the_ledger_once_and_the_read_commands_then_open_it()
    {
        var path = _temp.File("台账.gpkg");
        var first = new StringWriter();
        var second = new StringWriter();

        Assert.Equal(ExitCodes.Success, LedgerCommand.Exit(() => LedgerActions.Init(path, first)));
        Assert.Equal(ExitCodes.Success, LedgerCommand.Exit(() => LedgerActions.Init(path, second)));
        var listed = new StringWriter();
        Assert.Equal(ExitCodes.Success, LedgerCommand.WithStore(path, s => LedgerCommand.Exit(() => LedgerActions.List(s, listed))));

        Assert.True(File.Exists(path));
        Assert.Equal("ledger ready, 0 case(s)", first.ToString().Trim());
        Assert.Equal("ledger already there, 0 case(s); nothing changed", second.ToString().Trim());
        Assert.Equal("0 case(s)", listed.ToString().Trim());
    }

    [Fact]
    public void Status_names_are_read_in_any_case()
    {
        using var store = GeoPackageLedgerStore.Open(_temp.File("ledger.gpkg"));
        store.BeginFlight(new FlightStart("F1", Nov2026, ["/srv/f1.tif"], "vigil"));
        var number = store.InsertRecord(new NewViolation(
            ViolationKinds.New, new NetTopologySuite.IO.WKTReader().Read("POLYGON ((116.3 39.9, 116.3002 39.9, 116.3002 39.9002, 116.3 39.9))"),
            50, 0, 0.9, Nov2026, "F1", null, null, "vigil"));
        var output = new StringWriter();

        var changed = LedgerCommand.Exit(() => LedgerActions.SetStatus(store, output, new StatusChange(number, "Confirmed", Nov2026.AddDays(1), "王芳", "现场核实")));
        var listed = LedgerCommand.Exit(() => LedgerActions.List(store, output, "CONFIRMED"));

        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (changed, listed));
        Assert.Equal(CaseStatuses.Confirmed, store.Find(number)!.Status);
        Assert.Contains($"{number}  confirmed", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 case(s)", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(CaseStatuses.VerifiedDemolished, CaseStatuses.Named("Verified_Demolished"));
        Assert.Null(CaseStatuses.Named("gone"));
    }

    [Theory]
    [InlineData("Value cannot be null or empty. (Parameter 'change')", "Value cannot be null or empty.")]
    [InlineData("Property 'colour' not found on type 'Vigil.Ledger.CardRules+RulesFile'.", "Property 'colour' not found.")]
    [InlineData("Cannot convert to System.Int32 here", "Cannot convert to the value here")]
    public void Messages_lose_dotnet_type_and_parameter_names(string message, string expected) =>
        Assert.Equal(expected, UserText.Clean(message));

    [Fact]
    public void An_unknown_key_in_the_rules_file_is_named_as_a_key_not_a_type()
    {
        var path = _temp.File("rules.yaml");
        File.WriteAllText(path, "yellow: {open_cases_per_zone: 5, colour: red}\nred: {yellow_unresolved_days: 30}\n");

        var error = Assert.Throws<InvalidDataException>(() => CardRules.Load(path));

        Assert.Contains("unknown key 'colour'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Vigil.", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("type", error.Message, StringComparison.Ordinal);
    }
}
