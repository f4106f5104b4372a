using NetTopologySuite.Geometries;
using Vigil.Core;

namespace Vigil.Ledger.Tests;

/// <summary>The contract of every <see cref="ILedgerStore"/>; one derived class per implementation.</summary>
public abstract class LedgerStoreTests : IDisposable
{
    protected static readonly DateTimeOffset May2026 = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);

    private const string HouseWkt =
        "POLYGON ((44.8000 41.7000, 44.8002 41.7000, 44.8002 41.7002, "
        + "44.8000 41.7002, "
        + "44.8000 41.7000))";

    private readonly List<ILedgerStore> _opened = [];

    /// <summary>A new store on this test's ledger (the same ledger each call, created on the first).</summary>
    protected abstract ILedgerStore OpenStoreCore();

    /// <summary>Runs SQL on this test's ledger behind the store's back, as an older version or another tool would.</summary>
    protected abstract void ExecuteSql(string sql);

    protected ILedgerStore OpenStore()
    {
        var store = OpenStoreCore();
        _opened.Add(store);
        return store;
    }

    public virtual void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected static NewViolation Violation(
        string flightId = "F1", DateTimeOffset? seenUtc = null, string kind = ViolationKinds.New,
        string? zone = null, string? baselineRef = null, string wkt = HouseWkt) =>
        new(kind, Geo.Wkt(wkt), 420.5, 0, 0.91, seenUtc ?? May2026, flightId, zone, baselineRef, "tester");

    [Fact]
    public void Numbers_are_sequential_per_year_and_never_repeat()
    {
        var store = OpenStore();

        var numbers = new[]
        {
            store.InsertRecord(Violation()),
            store.InsertRecord(Violation()),
            store.InsertRecord(Violation(seenUtc: new DateTimeOffset(2027, 1, 2, 0, 0, 0, TimeSpan.Zero))),
            store.InsertRecord(Violation()),
        };

        Assert.Equal(["VIG-2026-000001", "VIG-2026-000002", "VIG-2027-000001", "VIG-2026-000003"], numbers);
        Assert.Equal(numbers, store.ReadRecords().Select(r => r.Number));
    }

    [Fact]
    public void Inserted_record_is_stored_as_given_with_status_detected_and_a_created_event()
    {
        var store = OpenStore();

        var number = store.InsertRecord(Violation(kind: ViolationKinds.Expanded, zone: "river bank", baselineRef: "B-17"));

        var record = store.Find(number)!;
        Assert.Equal(ViolationKinds.Expanded, record.Kind);
        Assert.Equal("detected", record.Status);
        Assert.Equal(420.5, record.AreaSquareMeters);
        Assert.Equal(0.91, record.Confidence);
        Assert.Equal(May2026, record.FirstSeenUtc);
        Assert.Equal(May2026, record.LastSeenUtc);
        Assert.Equal(("F1", "F1"), (record.FirstFlightId, record.LastFlightId));
        Assert.Equal(("river bank", "B-17"), (record.BlacklistZone, record.BaselineRef));
        Assert.Null(record.Card);
        Assert.IsType<MultiPolygon>(record.FootprintWgs84);
        Assert.Equal(4326, record.FootprintWgs84.SRID);
        Assert.True(record.FootprintWgs84.EqualsExact(Geo.Wkt(
            "MULTIPOLYGON (((44.8000 41.7000, 44.8002 41.7000, 44.8002 41.7002, "
            + "44.8000 41.7002, "
            + "44.8000 41.7000)))"), 1e-12));
        var created = Assert.Single(store.ReadEvents(number));
        Assert.Equal((LedgerEventKinds.Created, "F1", "tester", May2026), (created.Kind, created.FlightId, created.Actor, created.AtUtc));
        Assert.Null(store.Find("VIG-2026-999999"));
    }

    [Fact]
    public void Invalid_violation_is_refused_and_consumes_no_number()
    {
        var store = OpenStore();

        Assert.Throws<ArgumentException>(() => store.InsertRecord(Violation(kind: "shed")));
        Assert.Throws<ArgumentException>(() => store.InsertRecord(Violation(
            wkt: "POLYGON ((483300 4616400, 483320 4616400, 483320 4616420, "
                + "483300 4616420, "
                + "483300 4616400))")));
        Assert.Throws<ArgumentException>(() => store.InsertRecord(Violation(
            wkt: "LINESTRING (44.8 41.7, 44.9 41.8)")));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.InsertRecord(Violation() with { Confidence = 1.5 }));

        Assert.Empty(store.ReadRecords());
        Assert.Equal("VIG-2026-000001", store.InsertRecord(Violation()));
    }

    [Fact]
    public void Sighting_is_recorded_once_per_flight_and_a_later_flight_moves_last_seen()
    {
        var store = OpenStore();
        var number = store.InsertRecord(Violation(flightId: "F1"));
        var june = May2026.AddMonths(1);

        Assert.False(store.RecordSighting(number, "F1", May2026, 0.5, "tester"));
        Assert.True(store.RecordSighting(number, "F2", june, 0.8, "tester"));
        Assert.False(store.RecordSighting(number, "F2", june, 0.9, "tester"));

        var record = store.Find(number)!;
        Assert.Equal(number, record.Number);
        Assert.Equal((May2026, june), (record.FirstSeenUtc, record.LastSeenUtc));
        Assert.Equal(("F1", "F2"), (record.FirstFlightId, record.LastFlightId));
        Assert.Equal(0.8, record.Confidence);
        Assert.Equal(
            [(LedgerEventKinds.Created, "F1"), (LedgerEventKinds.Seen, "F2")],
            store.ReadEvents(number).Select(e => (e.Kind, e.FlightId)));
    }

    [Fact]
    public void Sighting_from_an_older_flight_processed_late_does_not_move_last_seen_back()
    {
        var store = OpenStore();
        var number = store.InsertRecord(Violation(flightId: "F2"));

        Assert.True(store.RecordSighting(number, "F1", May2026.AddDays(-10), 0.4, "tester"));

        var record = store.Find(number)!;
        Assert.Equal((May2026, "F2", 0.91), (record.LastSeenUtc, record.LastFlightId, record.Confidence));
        Assert.Equal(2, store.ReadEvents(number).Count);
    }

    [Fact]
    public void Height_is_stored_on_opening_and_the_latest_flight_that_measures_it_replaces_it()
    {
        var store = OpenStore();
        var measured = store.InsertRecord(Violation(flightId: "F1") with { HeightMeters = 6.25 });
        var unmeasured = store.InsertRecord(Violation(flightId: "F1"));

        Assert.Equal(6.25, store.Find(measured)!.HeightMeters);
        Assert.Null(store.Find(unmeasured)!.HeightMeters);
        Assert.Contains("\"height_m\":6.25", store.ReadEvents(measured)[0].Detail, StringComparison.Ordinal);

        // A later flight without a surface model keeps the height; one with a DSM replaces it (a storey was added).
        Assert.True(store.RecordSighting(measured, "F2", May2026.AddDays(30), 0.8, "tester"));
        Assert.Equal(6.25, store.Find(measured)!.HeightMeters);
        Assert.True(store.RecordSighting(measured, "F3", May2026.AddDays(60), 0.8, "tester", heightMeters: 9.5));
        Assert.Equal(9.5, store.Find(measured)!.HeightMeters);
        Assert.Contains("\"height_m\":9.5", store.ReadEvents(measured)[^1].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("height_m", store.ReadEvents(measured)[1].Detail, StringComparison.Ordinal);

        // An older flight processed late does not undo the latest measurement, but fills a height none measured.
        Assert.True(store.RecordSighting(measured, "F0", May2026.AddDays(-30), 0.8, "tester", heightMeters: 3));
        Assert.True(store.RecordSighting(unmeasured, "F0", May2026.AddDays(-30), 0.8, "tester", heightMeters: 4.5));
        Assert.Equal(9.5, store.Find(measured)!.HeightMeters);
        Assert.Equal(4.5, store.Find(unmeasured)!.HeightMeters);
        Assert.Equal(4.5, store.ReadRecords().Single(r => r.Number == unmeasured).HeightMeters);
    }

    [Fact]
    public void A_height_that_is_not_a_number_is_refused_and_writes_nothing()
    {
        var store = OpenStore();
        var number = store.InsertRecord(Violation());

        Assert.Throws<ArgumentOutOfRangeException>(() => store.InsertRecord(Violation() with { HeightMeters = double.NaN }));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            store.RecordSighting(number, "F2", May2026, 0.5, "tester", double.PositiveInfinity));

        Assert.Single(store.ReadRecords());
        Assert.Single(store.ReadEvents());
    }

    [Fact]
    public void A_ledger_written_before_heights_gets_the_column_when_opened_and_keeps_its_cases()
    {
        string number;
        using (var old = OpenStoreCore())
        {
            number = old.InsertRecord(Violation(zone: "river bank"));
            old.AssignOffender(number, "parcel 12/7", May2026, "clerk");
        }

        ExecuteSql("ALTER TABLE violations DROP COLUMN height_m");

        var store = OpenStore();
        var kept = store.Find(number)!;
        Assert.Equal((420.5, "river bank", "parcel 12/7", (double?)null),
            (kept.AreaSquareMeters, kept.BlacklistZone, kept.Offender, kept.HeightMeters));
        Assert.True(store.RecordSighting(number, "F2", May2026.AddDays(1), 0.9, "tester", 7.25));
        Assert.Equal(7.25, store.Find(number)!.HeightMeters);
        Assert.Equal("VIG-2026-000002", store.InsertRecord(Violation() with { HeightMeters = 3 }));
        Assert.Equal(3, OpenStore().Find("VIG-2026-000002")!.HeightMeters);
    }

    [Fact]
    public void Expanded_case_keeps_the_whole_outline_beside_its_added_part()
    {
        var store = OpenStore();
        const string wing = "POLYGON ((44.8002 41.7000, 44.8003 41.7000, 44.8003 41.7002, 44.8002 41.7002, 44.8002 41.7000))";
        const string whole = "POLYGON ((44.8000 41.7000, 44.8003 41.7000, 44.8003 41.7002, 44.8000 41.7002, 44.8000 41.7000))";

        var expanded = store.InsertRecord(
            Violation(kind: ViolationKinds.Expanded, wkt: wing) with { WholeOutlineWgs84 = Geo.Wkt(whole) });
        var added = store.InsertRecord(Violation());

        var record = OpenStore().Find(expanded)!;
        Assert.True(Geo.Wkt(wing).EqualsTopologically(record.FootprintWgs84), $"{record.FootprintWgs84}");
        Assert.True(Geo.Wkt(whole).EqualsTopologically(record.WholeOutlineWgs84), $"{record.WholeOutlineWgs84}");
        Assert.Equal(4326, record.WholeOutlineWgs84!.SRID);
        Assert.Null(store.ReadRecords().Single(r => r.Number == added).WholeOutlineWgs84);
    }

    [Fact]
    public void A_ledger_written_before_whole_outlines_gets_the_column_when_opened_and_keeps_its_cases()
    {
        string number;
        using (var old = OpenStoreCore())
        {
            number = old.InsertRecord(Violation(zone: "river bank"));
        }

        ExecuteSql("ALTER TABLE violations DROP COLUMN whole_outline_wkt");

        var store = OpenStore();
        Assert.Equal(("river bank", (Geometry?)null), (store.Find(number)!.BlacklistZone, store.Find(number)!.WholeOutlineWgs84));
        var expanded = store.InsertRecord(Violation(kind: ViolationKinds.Expanded) with { WholeOutlineWgs84 = Geo.Wkt(HouseWkt) });
        Assert.NotNull(OpenStore().Find(expanded)!.WholeOutlineWgs84);
    }

    [Fact]
    public void A_flight_keeps_its_capture_time_and_source_beside_its_processing_time_and_an_old_ledger_gets_the_columns()
    {
        var captured = new DateTimeOffset(2025, 1, 15, 10, 30, 0, TimeSpan.Zero);
        using (var old = OpenStoreCore())
        {
            old.BeginFlight(new FlightStart("F0", May2026, ["a.tif"], "tester"));
        }

        ExecuteSql("ALTER TABLE flights DROP COLUMN captured");
        ExecuteSql("ALTER TABLE flights DROP COLUMN captured_from");

        var store = OpenStore();
        store.BeginFlight(new FlightStart("F1", May2026, ["a.tif"], "tester") { CapturedUtc = captured, CaptureSource = "TIFF DateTime of a.tif" });
        store.BeginFlight(new FlightStart("F2", May2026, ["b.tif"], "tester"));

        var f1 = OpenStore().FindFlight("F1")!;
        Assert.Equal((captured, "TIFF DateTime of a.tif", May2026), (f1.CapturedUtc, f1.CaptureSource, f1.StartedUtc));
        Assert.Equal(((DateTimeOffset?)null, (string?)null), (store.FindFlight("F2")!.CapturedUtc, store.FindFlight("F2")!.CaptureSource));
        Assert.Null(store.FindFlight("F0")!.CapturedUtc);
    }

    [Fact]
    public void A_review_confirms_and_rejects_several_cases_with_a_chinese_reason_or_changes_none()
    {
        var store = OpenStore();
        var numbers = Enumerable.Range(0, 4).Select(_ => store.InsertRecord(Violation())).ToArray();
        store.ChangeStatus(new StatusChange(numbers[3], CaseStatuses.Confirmed, May2026, "王科长", "已核实"));

        // One case already reviewed: nothing changes.
        Assert.Throws<CaseTransitionException>(() =>
            new ReviewDecision([numbers[0], numbers[3]], [numbers[1]], May2026.AddDays(1), "李审核", "现场核实").Apply(store));
        Assert.Throws<KeyNotFoundException>(() =>
            new ReviewDecision([numbers[0], "VIG-2026-999999"], [], May2026.AddDays(1), "李审核", "现场核实").Apply(store));
        Assert.Equal(["detected", "detected", "detected", "confirmed"], store.ReadRecords().Select(r => r.Status));

        new ReviewDecision([numbers[0]], [numbers[1], numbers[2]], May2026.AddDays(1), "李审核", "大棚，非违建；已现场核实").Apply(store);

        Assert.Equal(["confirmed", "rejected", "rejected", "confirmed"], OpenStore().ReadRecords().Select(r => r.Status));
        var rejected = store.ReadEvents(numbers[2]).Last();
        Assert.Equal((LedgerEventKinds.StatusChanged, "李审核"), (rejected.Kind, rejected.Actor));
        Assert.Contains("大棚，非违建；已现场核实", ReadableJson.Unescape(rejected.Detail), StringComparison.Ordinal);
    }

    [Fact]
    public void Miss_is_recorded_once_per_flight()
    {
        var store = OpenStore();
        var number = store.InsertRecord(Violation(flightId: "F1"));

        Assert.True(store.RecordMissed(number, "F2", May2026.AddDays(30), "tester"));
        Assert.False(store.RecordMissed(number, "F2", May2026.AddDays(30), "tester"));
        Assert.True(store.RecordMissed(number, "F3", May2026.AddDays(60), "tester"));

        Assert.Equal(
            [(LedgerEventKinds.Created, "F1"), (LedgerEventKinds.NotSeen, "F2"), (LedgerEventKinds.NotSeen, "F3")],
            store.ReadEvents(number).Select(e => (e.Kind, e.FlightId)));
        Assert.Equal(May2026, store.Find(number)!.LastSeenUtc);
    }

    [Fact]
    public void Sighting_or_miss_of_an_unknown_number_throws_and_writes_nothing()
    {
        var store = OpenStore();

        Assert.Throws<KeyNotFoundException>(() => store.RecordSighting("VIG-2026-000042", "F1", May2026, 0.5, "tester"));
        Assert.Throws<KeyNotFoundException>(() => store.RecordMissed("VIG-2026-000042", "F1", May2026, "tester"));

        Assert.Empty(store.ReadEvents());
    }

    [Fact]
    public void Two_stores_inserting_concurrently_get_unique_gapless_numbers()
    {
        const int PerWriter = 25;
        ILedgerStore[] stores = [OpenStore(), OpenStore()];
        using var start = new Barrier(2);
        var results = new List<string>[] { [], [] };
        var failures = new List<Exception>();
        var threads = Enumerable.Range(0, 2).Select(w => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                for (var i = 0; i < PerWriter; i++)
                {
                    results[w].Add(stores[w].InsertRecord(Violation(flightId: $"W{w}")));
                }
            }
            catch (Exception ex)
            {
                lock (failures)
                {
                    failures.Add(ex);
                }
            }
        })).ToList();

        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Empty(failures);
        var all = results.SelectMany(r => r).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, 2 * PerWriter).Select(i => $"VIG-2026-{i:D6}"), all);
        var reader = OpenStore();
        Assert.Equal(2 * PerWriter, reader.ReadRecords().Count);
        foreach (var w in new[] { 0, 1 })
        {
            Assert.All(results[w], n => Assert.Equal($"W{w}", reader.Find(n)!.FirstFlightId));
        }

        Assert.Equal(2 * PerWriter, reader.ReadEvents().Count(e => e.Kind == LedgerEventKinds.Created));
    }

    [Fact]
    public void Blacklist_zones_are_replaced_as_a_whole()
    {
        var store = OpenStore();
        store.ReplaceBlacklistZones(
            [("old town", Geo.Wkt("POLYGON ((44.79 41.69, 44.81 41.69, 44.81 41.71, 44.79 41.69))"))], May2026, "tester");

        store.ReplaceBlacklistZones(
            [
                ("river bank", Geo.Wkt("POLYGON ((44.80 41.70, 44.82 41.70, 44.82 41.72, 44.80 41.70))")),
                ("airport", Geo.Wkt("MULTIPOLYGON (((44.90 41.60, 44.95 41.60, 44.95 41.65, 44.90 41.60)))")),
            ],
            May2026.AddDays(1),
            "tester");

        var zones = store.ReadBlacklistZones();
        Assert.Equal(["river bank", "airport"], zones.Select(z => z.Name));
        Assert.All(zones, z => Assert.Equal((4326, "MultiPolygon"), (z.Wgs84.SRID, z.Wgs84.GeometryType)));
        Assert.Equal(44.95, zones[1].Wgs84.EnvelopeInternal.MaxX, 12);
        Assert.Equal(2, store.ReadEvents().Count(e => e.Kind == LedgerEventKinds.ZonesReplaced));
        Assert.Throws<ArgumentException>(() => store.ReplaceBlacklistZones(
            [("a", zones[0].Wgs84), ("a", zones[1].Wgs84)], May2026, "tester"));
        Assert.Equal(2, store.ReadBlacklistZones().Count);
    }

    [Fact]
    public void Team_areas_are_replaced_as_a_whole_and_touching_areas_are_accepted()
    {
        var store = OpenStore();
        store.ReplaceTeamAreas([("west", Geo.Wkt("POLYGON ((44.70 41.60, 44.80 41.60, 44.80 41.80, 44.70 41.60))"))], May2026, "tester");

        store.ReplaceTeamAreas(
            [
                ("north", Geo.Wkt("POLYGON ((44.70 41.70, 44.90 41.70, 44.90 41.80, 44.70 41.80, 44.70 41.70))")),
                ("south", Geo.Wkt("POLYGON ((44.70 41.60, 44.90 41.60, 44.90 41.70, 44.70 41.70, 44.70 41.60))")),
            ],
            May2026.AddDays(1),
            "tester");

        var areas = store.ReadTeamAreas();
        Assert.Equal(["north", "south"], areas.Select(a => a.Team));
        Assert.All(areas, a => Assert.Equal((4326, "MultiPolygon"), (a.Wgs84.SRID, a.Wgs84.GeometryType)));
        var replaced = store.ReadEvents().Where(e => e.Kind == LedgerEventKinds.TeamsReplaced).ToList();
        Assert.Equal(2, replaced.Count);
        Assert.Contains("\"north\",\"south\"", replaced[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlapping_team_areas_are_refused_naming_both_teams_and_the_ledger_is_unchanged()
    {
        var store = OpenStore();
        store.ReplaceTeamAreas([("west", Geo.Wkt("POLYGON ((44.70 41.60, 44.80 41.60, 44.80 41.80, 44.70 41.60))"))], May2026, "tester");
        var eventsBefore = store.ReadEvents().Count;

        var error = Assert.Throws<ArgumentException>(() => store.ReplaceTeamAreas(
            [
                ("north", Geo.Wkt("POLYGON ((44.70 41.70, 44.90 41.70, 44.90 41.80, 44.70 41.80, 44.70 41.70))")),
                ("old town", Geo.Wkt("POLYGON ((44.80 41.65, 44.85 41.65, 44.85 41.75, 44.80 41.75, 44.80 41.65))")),
            ],
            May2026,
            "tester"));
        Assert.Throws<ArgumentException>(() => store.ReplaceTeamAreas(
            [
                ("north", Geo.Wkt("POLYGON ((44.70 41.70, 44.90 41.70, 44.90 41.80, 44.70 41.70))")),
                ("north", Geo.Wkt("POLYGON ((45.70 41.70, 45.90 41.70, 45.90 41.80, 45.70 41.70))")),
            ],
            May2026,
            "tester"));

        Assert.Contains("'north' and 'old town' overlap", error.Message, StringComparison.Ordinal);
        Assert.Equal(["west"], store.ReadTeamAreas().Select(a => a.Team));
        Assert.Equal(eventsBefore, store.ReadEvents().Count);
    }

    [Fact]
    public void Flight_is_started_completed_and_restarted()
    {
        var store = OpenStore();
        store.BeginFlight(new FlightStart("F1", May2026, ["a.tif", "b.tif"], "tester"));
        var running = store.FindFlight("F1")!;
        Assert.Equal((FlightStatus.Running, (DateTimeOffset?)null), (running.Status, running.FinishedUtc));
        Assert.Equal(["a.tif", "b.tif"], running.Inputs);

        store.CompleteFlight(new FlightEnd(
            "F1", May2026.AddHours(1),
            Geo.Wkt("POLYGON ((44.79 41.69, 44.81 41.69, 44.81 41.71, 44.79 41.71, 44.79 41.69))"),
            120, 7, [new Rejection("b.tif", "no georeference")], Failed: false, "tester"));

        var done = store.FindFlight("F1")!;
        Assert.Equal((FlightStatus.Completed, May2026.AddHours(1), 120, 7), (done.Status, done.FinishedUtc, done.Tiles, done.Detections));
        Assert.Equal(["b.tif: no georeference"], done.Rejections);
        Assert.Equal((4326, "MultiPolygon"), (done.CoveredAreaWgs84!.SRID, done.CoveredAreaWgs84.GeometryType));
        Assert.Equal(
            [LedgerEventKinds.FlightStarted, LedgerEventKinds.Rejection, LedgerEventKinds.FlightCompleted],
            store.ReadEvents().Select(e => e.Kind));
        Assert.Contains("no georeference", store.ReadEvents()[1].Detail);

        store.BeginFlight(new FlightStart("F1", May2026.AddDays(1), ["a.tif"], "tester"));
        var rerun = store.FindFlight("F1")!;
        Assert.Equal((FlightStatus.Running, May2026.AddDays(1), 0), (rerun.Status, rerun.StartedUtc, rerun.Tiles));
        Assert.Null(rerun.CoveredAreaWgs84);
        Assert.Empty(rerun.Rejections);
        store.CompleteFlight(new FlightEnd("F1", May2026.AddDays(1), null, 0, 0, [], Failed: true, "tester"));
        Assert.Equal(FlightStatus.Failed, store.FindFlight("F1")!.Status);
        Assert.Null(store.FindFlight("F2"));
        Assert.Throws<KeyNotFoundException>(() => store.CompleteFlight(
            new FlightEnd("F2", May2026, null, 0, 0, [], Failed: false, "tester")));
    }

    [Fact]
    public void Events_of_one_case_are_filtered_from_the_log()
    {
        var store = OpenStore();
        store.BeginFlight(new FlightStart("F2", May2026, [], "tester"));
        var first = store.InsertRecord(Violation());
        var second = store.InsertRecord(Violation());
        store.RecordSighting(first, "F2", May2026.AddDays(1), 0.7, "tester");

        Assert.Equal([LedgerEventKinds.Created, LedgerEventKinds.Seen], store.ReadEvents(first).Select(e => e.Kind));
        Assert.Equal([second], store.ReadEvents(second).Select(e => e.Number));
        Assert.Equal(4, store.ReadEvents().Count);
        Assert.True(store.ReadEvents().Select(e => e.Id).SequenceEqual(store.ReadEvents().Select(e => e.Id).Order()));
    }

    [Fact]
    public void Baseline_reference_finds_the_earliest_case_of_that_kind()
    {
        var store = OpenStore();
        store.InsertRecord(Violation(kind: ViolationKinds.KnownViolation, baselineRef: "B-1"));
        var candidate = store.InsertRecord(Violation(kind: ViolationKinds.DemolishedCandidate, baselineRef: "B-1"));

        Assert.Equal(candidate, store.FindByBaselineRef("B-1", ViolationKinds.DemolishedCandidate)!.Number);
        Assert.Equal("VIG-2026-000001", store.FindByBaselineRef("B-1", ViolationKinds.KnownViolation)!.Number);
        Assert.Null(store.FindByBaselineRef("B-2", ViolationKinds.KnownViolation));
    }

    [Fact]
    public void Status_changes_follow_the_lifecycle_and_each_is_an_event_with_actor_and_reason()
    {
        var store = OpenStore();
        var number = store.InsertRecord(Violation());

        foreach (var (status, day) in new[] { ("confirmed", 1), ("notified", 2), ("scheduled", 30), ("demolished", 60) })
        {
            store.ChangeStatus(new StatusChange(number, status, May2026.AddDays(day), "analyst", $"step {day}"));
        }

        Assert.Equal(CaseStatuses.Demolished, store.Find(number)!.Status);
        var changes = store.ReadEvents(number).Where(e => e.Kind == LedgerEventKinds.StatusChanged).ToList();
        Assert.Equal(4, changes.Count);
        Assert.All(changes, e => Assert.Equal("analyst", e.Actor));
        Assert.Equal(May2026.AddDays(60), changes[^1].AtUtc);
        Assert.Contains("\"from\":\"scheduled\"", changes[^1].Detail, StringComparison.Ordinal);
        Assert.Contains("\"to\":\"demolished\"", changes[^1].Detail, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"step 60\"", changes[^1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Refused_status_change_leaves_the_ledger_unchanged()
    {
        var store = OpenStore();
        var number = store.InsertRecord(Violation());

        var refused = Assert.Throws<CaseTransitionException>(() =>
            store.ChangeStatus(new StatusChange(number, "demolished", May2026, "analyst", "too early")));
        Assert.Throws<KeyNotFoundException>(() =>
            store.ChangeStatus(new StatusChange("VIG-2026-000099", "confirmed", May2026, "analyst", "no such case")));
        Assert.Throws<ArgumentException>(() =>
            store.ChangeStatus(new StatusChange(number, "closed", May2026, "analyst", "not a status")));
        Assert.Throws<ArgumentException>(() =>
            store.ChangeStatus(new StatusChange(number, "confirmed", May2026, "analyst", " ")));

        Assert.Equal("VIG-2026-000001 cannot go from 'detected' to 'demolished'; from 'detected' it can go to "
            + "'confirmed', 'rejected'.", refused.Message);
        Assert.Equal(CaseStatuses.Detected, store.Find(number)!.Status);
        Assert.Equal([LedgerEventKinds.Created], store.ReadEvents().Select(e => e.Kind));
    }

    [Fact]
    public void Case_card_is_written_on_the_case_and_lifted_while_zone_cards_are_events_only()
    {
        var store = OpenStore();
        var number = store.InsertRecord(Violation(zone: "river bank"));

        store.RecordCard(new CardChange(
            CardSubjects.Case, number, CardColors.Red, "river bank", [number], May2026, "vigil", "rebuilt after demolition"));
        Assert.Equal(CardColors.Red, store.Find(number)!.Card);
        store.RecordCard(new CardChange(
            CardSubjects.Zone, "river bank", CardColors.Yellow, "river bank", [number], May2026, "vigil", "3 open cases"));
        store.RecordCard(new CardChange(
            CardSubjects.Case, number, CardColors.Lifted, "river bank", [number], May2026.AddDays(1), "vigil", "resolved"));

        Assert.Null(store.Find(number)!.Card);
        var cards = store.ReadEvents().Where(e => e.Kind == LedgerEventKinds.Card).ToList();
        Assert.Equal([number, null, number], cards.Select(e => e.Number));
        Assert.Contains("\"subject\":\"river bank\"", cards[1].Detail, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => store.RecordCard(new CardChange(
            CardSubjects.Case, "VIG-2026-000099", CardColors.Red, null, [], May2026, "vigil", "no such case")));
        Assert.Throws<ArgumentException>(() => store.RecordCard(new CardChange(
            CardSubjects.Zone, "river bank", "green", null, [], May2026, "vigil", "not a colour")));
        Assert.Equal(3, store.ReadEvents().Count(e => e.Kind == LedgerEventKinds.Card));
    }

    [Fact]
    public void Offender_and_evidence_are_kept_on_the_case()
    {
        var store = OpenStore();
        var number = store.InsertRecord(Violation());

        store.AssignOffender(number, "parcel 12/7", May2026, "clerk");
        store.AttachEvidence(new EvidenceAttachment(number, "street-frame", "/data/frames/0001.jpg", May2026, 14.5, "vigil"));

        Assert.Equal("parcel 12/7", store.Find(number)!.Offender);
        Assert.Equal(
            [LedgerEventKinds.Created, LedgerEventKinds.OffenderSet, LedgerEventKinds.EvidenceAttached],
            store.ReadEvents(number).Select(e => e.Kind));
        Assert.Contains("0001.jpg", store.ReadEvents(number)[^1].Detail, StringComparison.Ordinal);
        Assert.Throws<KeyNotFoundException>(() => store.AssignOffender("VIG-2026-000099", "x", May2026, "clerk"));
    }
}
