using System.Text.Json;
using Vigil.Core;
using Vigil.Ledger;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Language;
using Vigil.Runs;
using Vigil.Runs.Flights;
using Vigil.Runs.Video;

namespace Vigil.Runs.Nightly;

/// <summary>
/// The scheduled job: every folder of the inbox is a flight (its name the flight id; orthophotos, drone photos, or
/// videos with their tracks inside). A folder is taken once its upload is whole (<see cref="NightlyIntake"/>): files
/// unchanged for the settle time or marked done, and complete by their structure. A flight the ledger holds as
/// completed with the same content (<see cref="IntakeState"/>) is skipped; one whose files changed is processed again,
/// as are new ones and ones a crash left running, which the ledger makes idempotent (no number twice, no second
/// sighting). A flight whose inputs cannot be read is recorded as failed with the reason, and tried again once its files
/// change. Then the black-list rules are evaluated and a report is written. One job at a time per inbox (a lock file).
/// </summary>
public static class NightlyJob
{
    /// <summary>The lock file held in the inbox while a job runs.</summary>
    public const string LockFileName = ".vigil-nightly.lock";

    private const string Completed = "completed";
    private const string Failed = "failed";

    private static readonly JsonSerializerOptions ReportJson = new() { WriteIndented = true, Encoder = ReadableJson.Encoder };

    /// <summary>Runs the job.</summary>
    /// <exception cref="RunFailedException">Another job holds the inbox, or the configuration or ledger is unusable.</exception>
    public static async Task<NightlyReport> RunAsync(
        string inbox, NightlyConfig config, string actor, TimeProvider clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(clock);
        if (!Directory.Exists(inbox))
        {
            throw new RunFailedException($"the inbox '{inbox}' does not exist", ExitCodes.BadConfiguration);
        }

        var rules = config.Rules is null ? null : LoadRules(config.Rules);
        using var held = Lock(inbox);
        var started = clock.GetUtcNow();
        var statePath = Path.Combine(inbox, IntakeState.FileName);
        var (state, stateProblem) = IntakeState.Load(statePath);
        var reports = config.Reports ?? inbox;
        var flights = new List<NightlyFlight>();
        var done = new List<string>();
        var waiting = new List<string>();
        var stillFailed = new List<string>();
        var attention = new List<string>();
        if (stateProblem is not null)
        {
            attention.Add(stateProblem);
        }

        var folders = Directory.GetDirectories(inbox)
            .Where(f => !Path.GetFileName(f).StartsWith('.')
                && !string.Equals(Path.GetFullPath(f), Path.GetFullPath(reports), StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var looks = folders.Select(f => NightlyIntake.Look(f, config, state, started)).ToList();
        state.Save(statePath);
        foreach (var folder in looks)
        {
            var flightId = folder.FlightId;
            if (folder.Waiting is not null)
            {
                waiting.Add($"{flightId}: {folder.Waiting}");
                continue;
            }

            var fingerprint = NightlyIntake.Fingerprint(folder, state);
            var row = FindFlight(config.Ledger, flightId);
            state.Flights.TryGetValue(flightId, out var seen);
            var sameContent = seen is not null && string.Equals(seen.Fingerprint, fingerprint, StringComparison.Ordinal);
            if (sameContent && seen!.Outcome == Completed && row?.Status == FlightStatus.Completed)
            {
                done.Add(flightId);
                continue;
            }

            if (sameContent && seen!.Outcome == Failed && row?.Status == FlightStatus.Failed)
            {
                stillFailed.Add($"{flightId}: {seen.Reason}");
                attention.Add($"flight {flightId} still failed, its files unchanged since {seen.AtUtc:yyyy-MM-dd HH:mm} UTC: {seen.Reason}");
                continue;
            }

            var (flight, inputFault) = await RunFlightAsync(folder, fingerprint, config, actor, ct).ConfigureAwait(false);
            if (seen is not null && !sameContent)
            {
                flight = flight with { Rerun = $"its files changed since the {seen.Outcome} run of {seen.AtUtc:yyyy-MM-dd HH:mm} UTC" };
            }

            flights.Add(flight);
            if (flight.Error is not null)
            {
                RecordFailure(config.Ledger, folder, flight.Error, actor, clock.GetUtcNow());
                attention.Add($"flight {flightId} failed: {flight.Error}");
            }

            // Input faults wait for new files; other failures (a database away, a full disk) are tried again next run.
            if (flight.Error is null || inputFault)
            {
                state.Flights[flightId] = new FlightSeen(fingerprint, flight.Error is null ? Completed : Failed, flight.Error, clock.GetUtcNow());
            }
            else
            {
                state.Flights.Remove(flightId);
            }

            state.Save(statePath);
            attention.AddRange(flight.Rejections.Select(r => $"flight {flightId} rejected {r}"));
            attention.AddRange(flight.OutOfDomain.Select(w => $"flight {flightId}: {w}"));
            attention.AddRange(flight.Rebuilt.Select(n => $"{n} was rebuilt after its demolition"));
        }

        var cards = rules is null ? [] : RecordCards(config.Ledger, rules, clock.GetUtcNow(), actor);
        attention.AddRange(cards.Where(c => c.Color == CardColors.Red).Select(c => $"red card: {c.SubjectKind} {c.Subject} ({c.Reason})"));

        Directory.CreateDirectory(reports);
        var path = Path.Combine(reports, $"nightly-{started:yyyyMMdd'T'HHmmss'Z'}.json");
        var report = new NightlyReport(started, clock.GetUtcNow(), flights, done, cards, attention, path)
        {
            Waiting = waiting,
            StillFailed = stillFailed,
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, ReportJson), ct).ConfigureAwait(false);
        return report;
    }

    /// <summary>Prints the report's summary; the exit code says whether a person is needed.</summary>
    public static int Summary(NightlyReport report, TextWriter output)
    {
        output.WriteLine($"nightly {report.StartedUtc:yyyy-MM-dd HH:mm} UTC: {report.Flights.Count} flight(s) processed, "
            + $"{report.AlreadyDone.Count} already done, {report.Waiting.Count} waiting for their upload, "
            + $"{report.StillFailed.Count} still failed, {report.Cards.Count} card change(s)");
        foreach (var f in report.Flights)
        {
            var again = f.Rerun is null ? "" : $" (again: {f.Rerun})";
            output.WriteLine(f.Error is null
                ? $"  {f.FlightId} [{f.Kind}]: {f.NumbersAssigned.Count} new case(s) {string.Join(", ", f.NumbersAssigned)}{again}"
                : $"  {f.FlightId} [{f.Kind}]: FAILED {f.Error}{again}");
        }

        foreach (var item in report.Waiting)
        {
            output.WriteLine($"  waiting: {item}");
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

    private static FlightRow? FindFlight(string ledger, string flightId)
    {
        using var store = LedgerLocation.Open(ledger);
        return store.FindFlight(flightId);
    }

    /// <summary>
    /// Leaves the flight recorded as failed with the reason: a run that stopped before the ledger heard of the flight
    /// (no readable input), or one that completed with an unreadable orthophoto, is never left as completed.
    /// </summary>
    private static void RecordFailure(string ledger, FlightFolder folder, string reason, string actor, DateTimeOffset nowUtc)
    {
        using var store = LedgerLocation.Open(ledger);
        var row = store.FindFlight(folder.FlightId);
        if (row?.Status == FlightStatus.Failed)
        {
            return;
        }

        if (row is null)
        {
            store.BeginFlight(new FlightStart(folder.FlightId, nowUtc, folder.Files, actor));
        }

        store.CompleteFlight(new FlightEnd(folder.FlightId, nowUtc, row?.CoveredAreaWgs84, row?.Tiles ?? 0, row?.Detections ?? 0,
            [new Rejection(folder.Folder, reason)], true, actor));
    }

    /// <summary>Runs one flight; the flag says whether a failure lies in its inputs (tried again when they change).</summary>
    private static async Task<(NightlyFlight Flight, bool InputFault)> RunFlightAsync(
        FlightFolder folder, string fingerprint, NightlyConfig config, string actor, CancellationToken ct)
    {
        NightlyFlight Failure(string reason) =>
            new(folder.FlightId, folder.Kind, folder.Files, fingerprint, reason, [], [], [], []);
        if (folder.Unusable is not null)
        {
            return (Failure(folder.Unusable), true);
        }

        var detection = new FlightRunOptions(
            folder.Videos.Count > 0 ? [.. folder.Videos.Select(v => v.VideoPath)] : folder.Images,
            config.Baseline, config.Ledger, config.Blacklist, config.Model ?? DefaultModel.Path, folder.FlightId,
            Actor: actor, AltitudeAglMeters: config.AltitudeAglMeters)
        {
            StrictInputs = true,
        };
        try
        {
            FlightRunResult? result;
            IReadOnlyList<Rejection> rejections;
            if (folder.Videos.Count > 0)
            {
                var video = await VideoRunner.RunAsync(
                    new VideoRunOptions(folder.Videos, config.Ledger, folder.FlightId, Actor: actor) { Detection = detection }, ct)
                    .ConfigureAwait(false);
                (result, rejections) = (video.Detection, video.Rejections);
            }
            else
            {
                result = await FlightRunner.RunAsync(detection, null, ct).ConfigureAwait(false);
                rejections = result.Rejections;
            }

            var error = result is { Unreadable.Count: > 0 }
                ? $"unreadable input, the upload may be incomplete: {string.Join("; ", result.Unreadable)}"
                : null;
            var ledger = result?.Ledger;
            return (new NightlyFlight(folder.FlightId, folder.Kind, folder.Files, fingerprint, error,
                ledger?.NumbersAssigned ?? [], ledger?.Rebuilt ?? [], ledger?.VerifiedDemolished ?? [],
                [.. rejections.Select(r => r.ToString())])
            {
                OutOfDomain = [.. (result?.DomainWarnings ?? []).Select(w => w.Describe(OfficeText.English))],
            }, error is not null);
        }
        catch (RunFailedException ex)
        {
            return (Failure(ex.Message), ex.ExitCode == ExitCodes.NoUsableInput);
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
