using System.Threading.Channels;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Vigil.ChangeCompare;
using Vigil.Core;
using Vigil.Detect;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Stores;
using Vigil.Runs.Pipeline;

namespace Vigil.Runs.Tests;

/// <summary>
/// The end-of-flight facts travel as the last message through the channels (detector -> merger -> comparer -> ledger
/// stage) instead of being read off the stages after the run; and a flight its caller began is begun once.
/// </summary>
public sealed class FlightTallyTests : IDisposable
{
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);
    private static readonly ChannelCapacities OneEach = new(1, 1, 1);
    private static readonly DateTimeOffset May2026 = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);
    private static readonly UtmZone Zone38North = new(38, true);

    private const string West = "POLYGON ((483200 4616400, 483300 4616400, 483300 4616500, 483200 4616500, 483200 4616400))";
    private const string East = "POLYGON ((483300 4616400, 483400 4616400, 483400 4616500, 483300 4616500, 483300 4616400))";
    private const string Roof = "POLYGON ((483310 4616410, 483330 4616410, 483330 4616430, 483310 4616430, 483310 4616410))";

    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-tally-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task The_detectors_counts_and_the_covered_ground_reach_the_ledger_stage_after_the_last_finding()
    {
        using var store = GeoPackageLedgerStore.Open(Path.Combine(_folder, "ledger.gpkg"));
        var writer = new LedgerWriter(store, new FlightContext("F1", Zone38North, May2026, ["a.tif"]), [], "test");

        var summary = await StageLine.RunAsync(Line(writer, new FlightTally(7, 1, [0.9], Polygon.Empty)), OneEach, CancellationToken.None)
            .WaitAsync(HangLimit);

        var tally = Assert.IsType<FlightTally>(summary.Tally);
        Assert.Equal((7, 1), (tally.Tiles, tally.Footprints));
        Assert.Equal([0.9], tally.Confidences);
        Assert.Equal(2 * 100 * 100, tally.CoveredArea.Area, 1);
        Assert.Equal(1, summary.FindingsByKind[FindingKind.New]);
        Assert.Single(summary.NumbersAssigned);
    }

    [Fact]
    public async Task A_finding_after_the_tally_is_an_error_of_the_wiring()
    {
        using var store = GeoPackageLedgerStore.Open(Path.Combine(_folder, "ledger.gpkg"));
        var writer = new LedgerWriter(store, new FlightContext("F1", Zone38North, May2026, ["a.tif"]), [], "test");
        var input = Channel.CreateUnbounded<LedgerMessage>();
        input.Writer.TryWrite(new FlightTally(1, 0, [], Polygon.Empty));
        input.Writer.TryWrite(new Finding(FindingKind.New, Wkt(Roof), 400, 0, 0.9, "a.tif", null, null));
        input.Writer.Complete();

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.RunAsync(input.Reader, CancellationToken.None));
        Assert.Empty(store.ReadRecords());
    }

    [Fact]
    public async Task A_flight_its_caller_began_is_begun_once()
    {
        using var store = GeoPackageLedgerStore.Open(Path.Combine(_folder, "ledger.gpkg"));
        store.BeginFlight(new FlightStart("video-1", May2026, ["/clips/a.mp4", "/clips/a.srt"], "test"));
        var flight = new FlightContext("video-1", Zone38North, May2026, ["/clips/a.mp4", "/clips/a.srt"]) { Begun = true };
        var writer = new LedgerWriter(store, flight, [], "test");

        var summary = await StageLine.RunAsync(Line(writer, new FlightTally(2, 1, [0.9], Polygon.Empty)), OneEach, CancellationToken.None)
            .WaitAsync(HangLimit);
        writer.CompleteFlight(summary.Tally!.CoveredArea, summary.Tally.Tiles, summary.Tally.Footprints, [], failed: false);

        var events = store.ReadEvents().Where(e => e.FlightId == "video-1").Select(e => e.Kind).ToList();
        Assert.Equal(1, events.Count(k => k == LedgerEventKinds.FlightStarted));
        Assert.Equal(LedgerEventKinds.FlightStarted, events[0]);
        Assert.Equal(LedgerEventKinds.FlightCompleted, events[^1]);
        Assert.Equal((FlightStatus.Completed, 2), (store.FindFlight("video-1")!.Status, store.FindFlight("video-1")!.Tiles));
    }

    /// <summary>
    /// A flight's stage line with the real merger, comparer and ledger stage; the detector stands in for the model: two
    /// tiles of covered ground, one roof, then its tally.
    /// </summary>
    private static StageList<LedgerMessage, LedgerRunSummary> Line(LedgerWriter writer, FlightTally tally) => new(
        (tiles, _) =>
        {
            tiles.TryComplete();
            return Task.CompletedTask;
        },
        async (_, batches, ct) =>
        {
            try
            {
                await batches.WriteAsync(new FootprintBatch([], Wkt(West)), ct);
                await batches.WriteAsync(new FootprintBatch([new Footprint((Polygon)Wkt(Roof), 0.9, "a.tif")], Wkt(East)), ct);
                await batches.WriteAsync(new FootprintBatch([], Polygon.Empty, null, tally), ct);
            }
            finally
            {
                batches.TryComplete();
            }
        },
        new OverlapMerger(new Dictionary<string, Coordinate>()).RunAsync,
        new ChangeClassifier(new BaselineIndex([]), new ChangeOptions()).RunAsync,
        writer.RunAsync);

    private static Geometry Wkt(string wkt) => new WKTReader().Read(wkt);
}
