using Vigil.Ledger.Cards;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Runs.Nightly;

namespace Vigil.IntegrationTests;

/// <summary>The nightly job over an inbox of flight folders, with the brightness test model and real GeoPackage ledgers.</summary>
public sealed class NightlyJobTests
{
    private static readonly string BrightnessModel = Path.Combine(AppContext.BaseDirectory, "TestModels", "brightness.onnx");
    // After the files' times, past the intake's settle time.
    private static readonly DateTimeOffset Night = DateTimeOffset.UtcNow.AddHours(1);

    [Fact]
    public async Task New_flights_are_processed_once_and_a_crashed_one_is_resumed_without_duplicates()
    {
        using var temp = new TempDirectory();
        var (inbox, config) = Setup(temp);
        BadInputTests.WriteScene(Path.Combine(Directory.CreateDirectory(Path.Combine(inbox, "2026-05-30-d7")).FullName, "a.tif"));

        var first = await NightlyJob.RunAsync(inbox, config, "cron", new FixedClock(Night), CancellationToken.None);
        BadInputTests.WriteScene(Path.Combine(Directory.CreateDirectory(Path.Combine(inbox, "2026-05-31-d7")).FullName, "a.tif"));
        using (var store = GeoPackageLedgerStore.Open(config.Ledger))
        {
            // A job killed in the middle of this flight leaves it "running".
            store.BeginFlight(new FlightStart("2026-05-31-d7", Night, [], "cron"));
        }

        var second = await NightlyJob.RunAsync(inbox, config, "cron", new FixedClock(Night.AddDays(1)), CancellationToken.None);

        Assert.Equal(["2026-05-30-d7"], first.Flights.Select(f => f.FlightId));
        Assert.Single(first.Flights[0].NumbersAssigned);
        Assert.Equal(["2026-05-30-d7"], second.AlreadyDone);
        Assert.Equal(["2026-05-31-d7"], second.Flights.Select(f => f.FlightId));
        Assert.Empty(second.Flights[0].NumbersAssigned);
        using var ledger = GeoPackageLedgerStore.Open(config.Ledger);
        Assert.Single(ledger.ReadRecords());
        Assert.Equal(FlightStatus.Completed, ledger.FindFlight("2026-05-31-d7")!.Status);
        Assert.True(File.Exists(second.ReportPath));
        Assert.Equal(ExitCodes.Success, NightlyJob.Summary(first, TextWriter.Null));
    }

    [Fact]
    public async Task A_flight_that_cannot_be_processed_and_a_red_card_need_a_person()
    {
        using var temp = new TempDirectory();
        var (inbox, config) = Setup(temp);
        Directory.CreateDirectory(Path.Combine(inbox, "empty-flight"));
        BadInputTests.WriteScene(Path.Combine(Directory.CreateDirectory(Path.Combine(inbox, "f1")).FullName, "a.tif"));

        // The flight's imagery holds no capture time: its cases are dated by the file (written now). Once reviewed, the
        // rules give a yellow 30 days later, a red 60 after that; an unreviewed detection earns none.
        var now = DateTimeOffset.UtcNow;
        var unreviewed = await NightlyJob.RunAsync(inbox, config, "cron", new FixedClock(now.AddDays(31)), CancellationToken.None);
        using (var store = GeoPackageLedgerStore.Open(config.Ledger))
        {
            new ReviewDecision(store.ReadRecords().Select(r => r.Number).ToList(), [], now.AddDays(31), "王科长", "现场核实")
                .Apply(store);
        }

        var report = await NightlyJob.RunAsync(inbox, config, "cron", new FixedClock(now.AddDays(32)), CancellationToken.None);
        var later = await NightlyJob.RunAsync(inbox, config, "cron", new FixedClock(now.AddDays(100)), CancellationToken.None);

        Assert.Contains(unreviewed.NeedsAttention, a => a.Contains("empty-flight", StringComparison.Ordinal));
        Assert.Equal(ExitCodes.NeedsAttention, NightlyJob.Summary(unreviewed, TextWriter.Null));
        Assert.Empty(unreviewed.Cards);
        Assert.Equal([CardColors.Yellow], report.Cards.Select(c => c.Color));
        Assert.Equal([CardColors.Red], later.Cards.Select(c => c.Color));
        Assert.Contains(later.NeedsAttention, a => a.StartsWith("red card", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rules_file_with_an_error_stops_the_job_before_any_flight()
    {
        using var temp = new TempDirectory();
        var (inbox, config) = Setup(temp);
        File.WriteAllText(config.Rules!, "yellow: [");
        BadInputTests.WriteScene(Path.Combine(Directory.CreateDirectory(Path.Combine(inbox, "f1")).FullName, "a.tif"));

        var error = await Assert.ThrowsAsync<RunFailedException>(() =>
            NightlyJob.RunAsync(inbox, config, "cron", new FixedClock(Night), CancellationToken.None));

        Assert.Equal(ExitCodes.BadConfiguration, error.ExitCode);
        Assert.Contains("rules.yaml", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(config.Ledger));
    }

    private static (string Inbox, NightlyConfig Config) Setup(TempDirectory temp)
    {
        var inbox = Directory.CreateDirectory(temp.File("inbox")).FullName;
        var rules = temp.File("rules.yaml");
        File.WriteAllText(rules, """
            yellow: {open_cases_per_zone: 1, open_cases_per_offender: 1, deadline_days: 30}
            red: {yellow_unresolved_days: 60}
            """);
        var configPath = temp.File("nightly.yaml");
        File.WriteAllText(configPath, $"""
            ledger: ledger.gpkg
            baseline: {BadInputTests.WriteBaseline(temp.File("baseline.geojson"))}
            rules: rules.yaml
            model: {BrightnessModel}
            reports: reports
            """);
        return (inbox, NightlyConfig.Load(configPath));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
