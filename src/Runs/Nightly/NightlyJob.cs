using System.Text.Json;
using Vigil.Core;
using Vigil.Ledger;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Flights;
using Vigil.Runs;
using Vigil.Runs.Flights;

namespace Vigil.Runs.Nightly;

/// <summary>
/// The scheduled job: every folder of the inbox is a flight (its name the flight id, its GeoTIFFs the inputs). Flights
/// the ledger holds as completed are skipped; the others, new ones and ones a crash left running or failed, are run
/// again, which the ledger makes idempotent (no number twice, no second sighting). Then the black-list rules are
/// evaluated and a report is written. One job at a time per inbox (a lock file).
/// </summary>
public static class NightlyJob
{
    /// <summary>The lock file held in the inbox while a job runs.</summary>
    public const string LockFileName = ".vigil-nightly.lock";

    private static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = true, Encoder = ReadableJson.Encoder };

    /// <summary>Runs the job.</summary>
    /// <exception cref="RunFailedException">Another job holds the inbox, or the configuration or ledger is unusable.</exception>
    public static async Task<NightlyReport> RunAsync(
        string inbox, NightlyConfig config, string actor, TimeProvider clock, CancellationToken ct)
    {
        if (!Directory.Exists(inbox))
        {
            throw new RunFailedException($"the inbox '{inbox}' does not exist", ExitCodes.BadConfiguration);
        }

        var rules = config.Rules is null ? null : LoadRules(config.Rules);
        using var held = Lock(inbox);
        var started = clock.GetUtcNow();
        var flights = new List<NightlyFlight>();
        var done = new List<string>();
        var attention = new List<string>();
        foreach (var folder in Directory.GetDirectories(inbox).Order(StringComparer.Ordinal))
        {
            var flightId = Path.GetFileName(folder);
            if (IsCompleted(config.Ledger, flightId))
            {
                done.Add(flightId);
                continue;
            }

            var flight = await RunFlightAsync(folder, flightId, config, actor, ct).ConfigureAwait(false);
            flights.Add(flight);
            if (flight.Error is not null)
            {
                attention.Add($"flight {flightId} failed: {flight.Error}");
            }

            attention.AddRange(flight.Rejections.Select(r => $"flight {flightId} rejected {r}"));
            attention.AddRange(flight.Rebuilt.Select(n => $"{n} was rebuilt after its demolition"));
        }

        var cards = rules is null ? [] : RecordCards(config.Ledger, rules, clock.GetUtcNow(), actor);
        attention.AddRange(cards.Where(c => c.Color == CardColors.Red).Select(c => $"red card: {c.SubjectKind} {c.Subject} ({c.Reason})"));

        var reports = config.Reports ?? inbox;
        Directory.CreateDirectory(reports);
        var path = Path.Combine(reports, $"nightly-{started:yyyyMMdd'T'HHmmss'Z'}.json");
        var report = new NightlyReport(started, clock.GetUtcNow(), flights, done, cards, attention, path);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, ReportJson), ct).ConfigureAwait(false);
        return report;
    }

    /// <summary>Prints the report's summary; the exit code says whether a person is needed.</summary>
    public static int Summary(NightlyReport report, TextWriter output)
    {
        output.WriteLine($"nightly {report.StartedUtc:yyyy-MM-dd HH:mm} UTC: {report.Flights.Count} flight(s) processed, "
            + $"{report.AlreadyDone.Count} already done, {report.Cards.Count} card change(s)");
        foreach (var f in report.Flights)
        {
            output.WriteLine(f.Error is null
                ? $"  {f.FlightId}: {f.NumbersAssigned.Count} new case(s) {string.Join(", ", f.NumbersAssigned)}"
                : $"  {f.FlightId}: FAILED {f.Error}");
        }

        foreach (var item in report.NeedsAttention)
        {
            output.WriteLine($"needs attention: {item}");
        }

        output.WriteLine($"report: {report.ReportPath}");
        return report.NeedsAttention.Count == 0 ? ExitCodes.Success : ExitCodes.NeedsAttention;
    }

    private static CardRules LoadRules(string path)
    {
        try
        {
            return CardRules.Load(path);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            throw new RunFailedException(ex.Message, ExitCodes.BadConfiguration, ex);
        }
    }

    private static FileStream Lock(string inbox)
    {
        var path = Path.Combine(inbox, LockFileName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (IOException ex)
        {
            throw new RunFailedException($"another nightly job is running on '{inbox}' (it holds {path})", ExitCodes.NeedsAttention, ex);
        }
    }

    private static bool IsCompleted(string ledger, string flightId)
    {
        using var store = LedgerLocation.Open(ledger);
        return store.FindFlight(flightId)?.Status == FlightStatus.Completed;
    }

    private static async Task<NightlyFlight> RunFlightAsync(
        string folder, string flightId, NightlyConfig config, string actor, CancellationToken ct)
    {
        var inputs = Directory.EnumerateFiles(folder)
            .Where(f => Path.GetExtension(f).ToLowerInvariant() is ".tif" or ".tiff")
            .Order(StringComparer.Ordinal)
            .ToList();
        if (inputs.Count == 0)
        {
            return new NightlyFlight(flightId, [], "the folder holds no GeoTIFF", [], [], [], []);
        }

        var options = new FlightRunOptions(inputs, config.Baseline, config.Ledger, config.Blacklist,
            config.Model ?? DefaultModel.Path, flightId, Actor: actor);
        try
        {
            var result = await FlightRunner.RunAsync(options, null, ct).ConfigureAwait(false);
            var ledger = result.Ledger;
            return new NightlyFlight(flightId, inputs, null, ledger.NumbersAssigned, ledger.Rebuilt,
                ledger.VerifiedDemolished, [.. result.Rejections.Select(r => r.ToString())]);
        }
        catch (RunFailedException ex)
        {
            return new NightlyFlight(flightId, inputs, ex.Message, [], [], [], []);
        }
    }

    private static List<CardChange> RecordCards(string ledger, CardRules rules, DateTimeOffset nowUtc, string actor)
    {
        using var store = LedgerLocation.Open(ledger);
        var changes = CardReferee.Evaluate(store.ReadRecords(), CardBook.Current(store.ReadEvents()), rules, nowUtc, actor);
        foreach (var change in changes)
        {
            store.RecordCard(change);
        }

        return [.. changes];
    }
}
