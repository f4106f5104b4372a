using System.Threading.Channels;
using NetTopologySuite.Geometries;
using Vigil.Core;

namespace Vigil.Ledger.Tests;

public sealed class LedgerWriterTests : IDisposable
{
    private static readonly DateTimeOffset May2026 = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);
    private static readonly UtmZone Zone38North = new(38, true);

    // 20 x 20 m roofs in UTM 38N (around 44.8 E, 41.7 N).
    private const string RoofA =
        "POLYGON ((483300 4616400, 483320 4616400, 483320 4616420, "
        + "483300 4616420, "
        + "483300 4616400))";

    private const string RoofAShifted2m =
        "POLYGON ((483302 4616401, 483322 4616401, 483322 4616421, "
        + "483302 4616421, "
        + "483302 4616401))";

    private const string RoofAPlus1mEachSide =
        "POLYGON ((483299 4616399, 483321 4616399, 483321 4616421, "
        + "483299 4616421, "
        + "483299 4616399))";

    private const string RoofAAndNorth =
        "POLYGON ((483300 4616400, 483320 4616400, 483320 4616440, "
        + "483300 4616440, "
        + "483300 4616400))";

    private const string RoofNorthOfA =
        "POLYGON ((483300 4616420, 483320 4616420, 483320 4616440, "
        + "483300 4616440, "
        + "483300 4616420))";

    private const string RoofOverlappingAByAFifth =
        "POLYGON ((483316 4616400, 483336 4616400, 483336 4616420, "
        + "483316 4616420, "
        + "483316 4616400))";

    private readonly TempDirectory _dir = new();
    private readonly GeoPackageLedgerStore _store;

    public LedgerWriterTests() => _store = GeoPackageLedgerStore.Open(_dir.File("ledger.gpkg"));

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task New_and_expanded_findings_are_numbered_in_order_and_stored_in_WGS84()
    {
        var expanded = Found(FindingKind.Expanded, RoofNorthOfA, baselineId: "B-5") with { AddedAreaSquareMeters = 120 };

        var summary = await RunFlight(Flight("F1"), Found(FindingKind.New, RoofA), expanded);

        Assert.Equal(["VIG-2026-000001", "VIG-2026-000002"], summary.NumbersAssigned);
        Assert.Equal((1, 1, 0), (summary.FindingsByKind[FindingKind.New], summary.FindingsByKind[FindingKind.Expanded], summary.FindingsByKind[FindingKind.Unchanged]));
        var records = _store.ReadRecords();
        Assert.Equal([ViolationKinds.New, ViolationKinds.Expanded], records.Select(r => r.Kind));
        Assert.Equal([null, "B-5"], records.Select(r => r.BaselineRef));
        Assert.All(records, r => Assert.Equal((4326, "MultiPolygon", 400.0, "detected"), (r.FootprintWgs84.SRID, r.FootprintWgs84.GeometryType, r.AreaSquareMeters, r.Status)));
        Assert.InRange(records[0].FootprintWgs84.Centroid.X, 44.79, 44.81);
        Assert.InRange(records[0].FootprintWgs84.Centroid.Y, 41.69, 41.71);
        var backInUtm = Zone38North.FromWgs84(records[0].FootprintWgs84.GetGeometryN(0));
        Assert.True(backInUtm.EqualsExact(Geo.Wkt(RoofA), 0.001), backInUtm.ToText());
        Assert.Equal(FlightStatus.Completed, _store.FindFlight("F1")!.Status);
    }

    [Fact]
    public async Task Expanded_case_is_the_added_part_with_the_whole_outline_kept_and_unverified_features_open_nothing()
    {
        var whole = Geo.Wkt(RoofA).Union(Geo.Wkt(RoofNorthOfA));
        var expanded = Found(FindingKind.Expanded, RoofNorthOfA, baselineId: "B-5") with { WholeOutline = whole };
        var unverified = new Finding(FindingKind.Unverified, Geo.Wkt(RoofOverlappingAByAFifth), 400, 0, 0, "", null, "B-9");

        var summary = await RunFlight(Flight("F1"), expanded, unverified);

        Assert.Equal((1, 1), (summary.NumbersAssigned.Count, summary.FindingsByKind[FindingKind.Unverified]));
        var record = _store.ReadRecords().Single();
        Assert.Equal(400, Zone38North.FromWgs84(record.FootprintWgs84).Area, 0.5);
        Assert.Equal(800, Zone38North.FromWgs84(record.WholeOutlineWgs84!).Area, 0.5);
    }

    [Fact]
    public async Task Overlapping_outlines_of_one_flight_share_one_number()
    {
        var summary = await RunFlight(
            Flight("F1"),
            Found(FindingKind.New, RoofA, source: "a.tif"),
            Found(FindingKind.New, RoofAShifted2m, source: "b.tif"),
            Found(FindingKind.New, RoofNorthOfA, source: "b.tif"),
            Found(FindingKind.New, RoofOverlappingAByAFifth, source: "b.tif"));

        Assert.Equal(["VIG-2026-000001", "VIG-2026-000002", "VIG-2026-000003"], summary.NumbersAssigned);
        Assert.Equal((0, 1), (summary.Sightings, summary.AlreadyRecorded));
        Assert.Equal([LedgerEventKinds.Created], _store.ReadEvents("VIG-2026-000001").Select(e => e.Kind));
    }

    [Fact]
    public async Task Rerunning_a_flight_with_the_same_findings_assigns_no_number_and_no_second_sighting()
    {
        var opened = await RunFlight(Flight("F1"), Found(FindingKind.New, RoofA), Found(FindingKind.New, RoofNorthOfA));
        var firstRun = await RunFlight(Flight("F2"), Seen(opened.NumbersAssigned[0]));

        var rerunF1 = await RunFlight(Flight("F1"), Found(FindingKind.New, RoofA), Found(FindingKind.New, RoofNorthOfA));
        var rerunF2 = await RunFlight(Flight("F2"), Seen(opened.NumbersAssigned[0]));

        Assert.Equal(1, firstRun.Sightings);
        Assert.Empty(rerunF1.NumbersAssigned);
        Assert.Equal(2, rerunF1.AlreadyRecorded);
        Assert.Equal((0, 1), (rerunF2.Sightings, rerunF2.AlreadyRecorded));
        Assert.Equal(2, _store.ReadRecords().Count);
        Assert.Single(_store.ReadEvents(), e => e.Kind == LedgerEventKinds.Seen);
        Assert.Equal(2, _store.ReadEvents().Count(e => e.Kind == LedgerEventKinds.FlightStarted && e.FlightId == "F1"));
    }

    [Fact]
    public async Task A_later_flight_keeps_the_number_and_moves_last_seen()
    {
        var opened = await RunFlight(Flight("F1"), Found(FindingKind.New, RoofA));
        var number = opened.NumbersAssigned[0];

        var later = await RunFlight(
            Flight("F2", May2026.AddDays(30)),
            Seen(number, 0.75, "c.tif"),
            Seen(number, 0.70, "d.tif"));

        Assert.Empty(later.NumbersAssigned);
        Assert.Equal((1, 1), (later.Sightings, later.AlreadyRecorded));
        var record = Assert.Single(_store.ReadRecords());
        Assert.Equal(number, record.Number);
        Assert.Equal((May2026, May2026.AddDays(30)), (record.FirstSeenUtc, record.LastSeenUtc));
        Assert.Equal(("F1", "F2", 0.75), (record.FirstFlightId, record.LastFlightId, record.Confidence));
    }

    [Fact]
    public async Task Known_violation_from_the_baseline_opens_one_case_then_is_sighted()
    {
        var first = await RunFlight(
            Flight("F1"),
            Found(FindingKind.KnownViolation, RoofA, baselineId: "K-7", source: "a.tif"),
            Found(FindingKind.KnownViolation, RoofAShifted2m, baselineId: "K-7", source: "b.tif"));
        var second = await RunFlight(
            Flight("F2", May2026.AddDays(30)), Found(FindingKind.KnownViolation, RoofA, baselineId: "K-7"));

        Assert.Equal(["VIG-2026-000001"], first.NumbersAssigned);
        Assert.Equal(1, first.AlreadyRecorded);
        Assert.Empty(second.NumbersAssigned);
        Assert.Equal(1, second.Sightings);
        var record = Assert.Single(_store.ReadRecords());
        Assert.Equal((ViolationKinds.KnownViolation, "K-7", "F2"), (record.Kind, record.BaselineRef, record.LastFlightId));
    }

    [Fact]
    public async Task Demolished_candidates_mark_open_cases_not_seen_and_open_one_case_per_registered_building()
    {
        var opened = await RunFlight(Flight("F1"), Found(FindingKind.New, RoofA));
        var number = opened.NumbersAssigned[0];

        var f2 = await RunFlight(
            Flight("F2", May2026.AddDays(30)),
            Missing(RoofA, recordNumber: number),
            Missing(RoofNorthOfA, baselineId: "B-9"),
            Missing(RoofNorthOfA, baselineId: "B-9"));
        var f3 = await RunFlight(
            Flight("F3", May2026.AddDays(60)),
            Missing(RoofNorthOfA, baselineId: "B-9"));

        Assert.Equal(["VIG-2026-000002"], f2.NumbersAssigned);
        Assert.Equal((1, 1), (f2.Misses, f2.AlreadyRecorded));
        Assert.Empty(f3.NumbersAssigned);
        Assert.Equal(1, f3.Misses);
        Assert.Equal(
            [(LedgerEventKinds.Created, "F1"), (LedgerEventKinds.NotSeen, "F2")],
            _store.ReadEvents(number).Select(e => (e.Kind, e.FlightId)));
        var candidate = _store.Find("VIG-2026-000002")!;
        Assert.Equal((ViolationKinds.DemolishedCandidate, "B-9", 0.0), (candidate.Kind, candidate.BaselineRef, candidate.Confidence));
        Assert.Equal(
            [(LedgerEventKinds.Created, "F2"), (LedgerEventKinds.NotSeen, "F3")],
            _store.ReadEvents(candidate.Number).Select(e => (e.Kind, e.FlightId)));
        Assert.Equal(May2026, _store.Find(number)!.LastSeenUtc);
    }

    [Fact]
    public async Task New_cases_get_the_first_black_list_zone_holding_them()
    {
        BlacklistZone[] zones =
        [
            new("old town", Geo.Wkt(
                "POLYGON ((483290 4616390, 483330 4616390, 483330 4616430, "
                + "483290 4616430, "
                + "483290 4616390))")),
            new("river bank", Geo.Wkt(
                "POLYGON ((483200 4616300, 483400 4616300, 483400 4616500, "
                + "483200 4616500, "
                + "483200 4616300))")),
        ];
        const string StraddlingRiverBank =
            "POLYGON ((483390 4616400, 483430 4616400, 483430 4616410, "
            + "483390 4616410, "
            + "483390 4616400))";
        const string FarAway =
            "POLYGON ((484000 4617000, 484010 4617000, 484010 4617010, "
            + "484000 4617010, "
            + "484000 4617000))";

        await RunFlight(
            Flight("F1"), zones,
            Found(FindingKind.New, RoofA), Found(FindingKind.New, StraddlingRiverBank), Found(FindingKind.New, FarAway));

        Assert.Equal(["old town", "river bank", null], _store.ReadRecords().Select(r => r.BlacklistZone));
    }

    [Fact]
    public async Task A_finding_that_cannot_be_recorded_is_rejected_and_the_others_are_kept()
    {
        var summary = await RunFlight(
            Flight("F1"),
            Found(FindingKind.New, RoofA),
            Seen("VIG-2026-999999", source: "ghost.tif"),
            Found(FindingKind.KnownViolation, RoofAShifted2m, source: "nameless.tif"),
            Found(FindingKind.New, RoofNorthOfA));

        Assert.Equal(["VIG-2026-000001", "VIG-2026-000002"], summary.NumbersAssigned);
        Assert.Equal(["ghost.tif", "nameless.tif"], summary.Rejections.Select(r => r.Source));
        var flight = _store.FindFlight("F1")!;
        Assert.Equal(3, flight.Rejections.Count);
        Assert.StartsWith("x.tif: ", flight.Rejections[0], StringComparison.Ordinal);
        Assert.Contains("VIG-2026-999999", flight.Rejections[1], StringComparison.Ordinal);
        Assert.Equal(3, _store.ReadEvents().Count(e => e.Kind == LedgerEventKinds.Rejection));
    }

    [Fact]
    public async Task Unchanged_findings_are_only_counted()
    {
        var summary = await RunFlight(
            Flight("F1"), Found(FindingKind.Unchanged, RoofA, baselineId: "B-1"), Found(FindingKind.Unchanged, RoofNorthOfA));

        Assert.Equal(2, summary.FindingsByKind[FindingKind.Unchanged]);
        Assert.Empty(_store.ReadRecords());
        Assert.Equal(
            [LedgerEventKinds.FlightStarted, LedgerEventKinds.Rejection, LedgerEventKinds.FlightCompleted],
            _store.ReadEvents().Select(e => e.Kind));
    }

    [Fact]
    public async Task Completed_flight_stores_its_covered_area_in_WGS84()
    {
        var writer = new LedgerWriter(_store, Flight("F1"), [], "tester", new FixedClock(May2026.AddHours(2)));
        var input = Channel.CreateUnbounded<LedgerMessage>();
        input.Writer.Complete();
        await writer.RunAsync(input.Reader, CancellationToken.None);

        writer.CompleteFlight(
            Geo.Wkt("POLYGON ((483000 4616000, 484000 4616000, 484000 4617000, "
                + "483000 4617000, "
                + "483000 4616000))"),
            tiles: 16, detections: 0, rejections: [], failed: true);

        var flight = _store.FindFlight("F1")!;
        Assert.Equal((FlightStatus.Failed, May2026.AddHours(2), 16), (flight.Status, flight.FinishedUtc, flight.Tiles));
        Assert.Equal(["a.tif", "b.tif"], flight.Inputs);
        Assert.Equal(4326, flight.CoveredAreaWgs84!.SRID);
        var extent = flight.CoveredAreaWgs84.EnvelopeInternal;
        Assert.InRange(extent.MinX, 44.79, 44.80);
        Assert.InRange(extent.MaxY, 41.70, 41.71);
        Assert.Equal(1e6, Zone38North.FromWgs84(flight.CoveredAreaWgs84).Area, 1);
    }

    [Fact]
    public async Task A_writer_runs_once()
    {
        var writer = new LedgerWriter(_store, Flight("F1"), [], "tester");
        var input = Channel.CreateUnbounded<LedgerMessage>();
        input.Writer.Complete();
        await writer.RunAsync(input.Reader, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => writer.RunAsync(input.Reader, CancellationToken.None));
    }

    [Fact]
    public async Task Demolished_case_seen_again_is_rebuilt_under_its_number_and_one_not_seen_is_verified()
    {
        await RunFlight(Flight("F1"), Found(FindingKind.New, RoofA), Found(FindingKind.New, RoofNorthOfA));
        foreach (var number in new[] { "VIG-2026-000001", "VIG-2026-000002" })
        {
            Demolish(number);
        }

        var june = Flight("F2", May2026.AddMonths(1));
        var summary = await RunFlight(june, Seen("VIG-2026-000001"), Missing(RoofNorthOfA, recordNumber: "VIG-2026-000002"));
        var rerun = await RunFlight(june, Seen("VIG-2026-000001"), Missing(RoofNorthOfA, recordNumber: "VIG-2026-000002"));

        Assert.Equal(["VIG-2026-000001"], summary.Rebuilt);
        Assert.Equal(["VIG-2026-000002"], summary.VerifiedDemolished);
        Assert.Empty(summary.NumbersAssigned);
        Assert.Equal((0, 0, 2), (rerun.Rebuilt.Count, rerun.VerifiedDemolished.Count, rerun.AlreadyRecorded));
        Assert.Equal(
            [CaseStatuses.Rebuilt, CaseStatuses.VerifiedDemolished],
            _store.ReadRecords().Select(r => r.Status));
        var rebuilt = _store.ReadEvents("VIG-2026-000001").Last();
        Assert.Equal((LedgerEventKinds.StatusChanged, "tester", May2026.AddMonths(1)), (rebuilt.Kind, rebuilt.Actor, rebuilt.AtUtc));
        Assert.Contains("flight F2", rebuilt.Detail, StringComparison.Ordinal);

        var later = await RunFlight(Flight("F3", May2026.AddMonths(2)), Seen("VIG-2026-000002"));
        Assert.Equal(["VIG-2026-000002"], later.Rebuilt);
    }

    [Fact]
    public async Task Detection_on_a_rejected_case_is_a_sighting_of_it_and_opens_nothing()
    {
        await RunFlight(Flight("F1"), Found(FindingKind.New, RoofA));
        _store.ChangeStatus(new StatusChange("VIG-2026-000001", CaseStatuses.Rejected, May2026, "analyst", "a greenhouse"));

        var summary = await RunFlight(Flight("F2", May2026.AddMonths(1)), Seen("VIG-2026-000001"));

        Assert.Equal((1, 1), (summary.Suppressed, summary.Sightings));
        Assert.Empty(summary.NumbersAssigned);
        Assert.Equal(CaseStatuses.Rejected, Assert.Single(_store.ReadRecords()).Status);
    }

    [Fact]
    public async Task A_rejected_structure_that_grew_is_raised_again_once_and_later_flights_see_that_case()
    {
        await RunFlight(Flight("F1"), Found(FindingKind.New, RoofA));
        _store.ChangeStatus(new StatusChange("VIG-2026-000001", CaseStatuses.Rejected, May2026, "王科长", "临时大棚，非违建"));
        // The same roof traced 1 m larger on each side (+21 %, 84 m²) is not growth; a wing to the north (+100 %) is.
        var retraced = Geo.Wkt(RoofAPlus1mEachSide);
        var grown = Geo.Wkt(RoofAAndNorth);

        var same = await RunFlight(Flight("F2", May2026.AddMonths(1)),
            new Finding(FindingKind.KnownViolation, retraced, retraced.Area, 0, 0.9, "a.tif", "VIG-2026-000001", null));
        var bigger = await RunFlight(Flight("F3", May2026.AddMonths(2)),
            new Finding(FindingKind.KnownViolation, grown, grown.Area, 0, 0.9, "a.tif", "VIG-2026-000001", null));
        var again = await RunFlight(Flight("F4", May2026.AddMonths(3)),
            new Finding(FindingKind.KnownViolation, grown, grown.Area, 0, 0.9, "a.tif", "VIG-2026-000001", null));

        Assert.Equal((1, 0), (same.Suppressed, same.NumbersAssigned.Count));
        Assert.Equal(["VIG-2026-000002"], bigger.NumbersAssigned);
        Assert.Empty(again.NumbersAssigned);
        Assert.Equal(1, again.Sightings);
        Assert.Equal("F4", _store.Find("VIG-2026-000002")!.LastFlightId);
        Assert.Equal(CaseStatuses.Rejected, _store.Find("VIG-2026-000001")!.Status);
    }

    [Fact]
    public async Task Cases_are_dated_by_capture_time_and_numbered_in_the_year_the_ledger_opens_them()
    {
        var captured = new DateTimeOffset(2025, 12, 30, 10, 0, 0, TimeSpan.Zero);
        var processed = new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var flight = new FlightContext("F-2025-12-30", Zone38North, processed, ["a.tif"], captured, "TIFF DateTime of a.tif");

        var summary = await RunFlight(flight, Found(FindingKind.New, RoofA));

        Assert.Equal(["VIG-2026-000001"], summary.NumbersAssigned);
        var record = Assert.Single(_store.ReadRecords());
        Assert.Equal((captured, captured), (record.FirstSeenUtc, record.LastSeenUtc));
        Assert.Equal(processed, _store.ReadEvents(record.Number).Single(e => e.Kind == "created").AtUtc);
        var row = _store.FindFlight("F-2025-12-30")!;
        Assert.Equal((captured, "TIFF DateTime of a.tif", processed), (row.CapturedUtc, row.CaptureSource, row.StartedUtc));
    }

    [Fact]
    public async Task Heights_are_stored_with_new_cases_and_replaced_by_a_later_flight_that_measures_them()
    {
        await RunFlight(Flight("F1"), Found(FindingKind.New, RoofA) with { HeightMeters = 3.2 }, Found(FindingKind.New, RoofNorthOfA));
        Assert.Equal([3.2, null], _store.ReadRecords().Select(r => r.HeightMeters));

        await RunFlight(Flight("F2", May2026.AddDays(30)),
            Seen("VIG-2026-000001") with { HeightMeters = 6.1 }, Seen("VIG-2026-000002"));

        Assert.Equal([6.1, null], _store.ReadRecords().Select(r => r.HeightMeters));
    }

    private void Demolish(string number)
    {
        foreach (var status in new[] { CaseStatuses.Confirmed, CaseStatuses.Scheduled, CaseStatuses.Demolished })
        {
            _store.ChangeStatus(new StatusChange(number, status, May2026.AddDays(7), "inspector", "office decision"));
        }
    }

    private static FlightContext Flight(string id, DateTimeOffset? started = null) =>
        new(id, Zone38North, started ?? May2026, ["a.tif", "b.tif"]);

    private static Finding Found(FindingKind kind, string wkt, string? baselineId = null, string source = "a.tif")
    {
        var outline = Geo.Wkt(wkt);
        return new Finding(kind, outline, outline.Area, 0, 0.9, source, null, baselineId);
    }

    private static Finding Seen(string number, double confidence = 0.8, string source = "a.tif") =>
        new(FindingKind.KnownViolation, Geo.Wkt(RoofA), 400, 0, confidence, source, number, null);

    private static Finding Missing(string wkt, string? recordNumber = null, string? baselineId = null) =>
        new(FindingKind.DemolishedCandidate, Geo.Wkt(wkt), 400, 0, 0, "", recordNumber, baselineId);

    private Task<LedgerRunSummary> RunFlight(FlightContext flight, params Finding[] findings) =>
        RunFlight(flight, [], findings);

    private async Task<LedgerRunSummary> RunFlight(
        FlightContext flight, IReadOnlyList<BlacklistZone> zones, params Finding[] findings)
    {
        var writer = new LedgerWriter(_store, flight, zones, "tester", new FixedClock(flight.StartedUtc.AddHours(1)));
        var input = Channel.CreateBounded<LedgerMessage>(new BoundedChannelOptions(2) { FullMode = BoundedChannelFullMode.Wait });
        var produce = Task.Run(async () =>
        {
            foreach (var finding in findings)
            {
                await input.Writer.WriteAsync(finding);
            }

            input.Writer.Complete();
        });

        var summary = await writer.RunAsync(input.Reader, CancellationToken.None);
        await produce;
        writer.CompleteFlight(
            Geometry.DefaultFactory.CreatePolygon(), tiles: 4, detections: findings.Length,
            [new Rejection("x.tif", "not georeferenced")], failed: false);
        return summary;
    }
}
