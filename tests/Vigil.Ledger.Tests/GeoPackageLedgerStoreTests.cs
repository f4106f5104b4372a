using Microsoft.Data.Sqlite;
using Vigil.Core;

namespace Vigil.Ledger.Tests;

public sealed partial class GeoPackageLedgerStoreTests : LedgerStoreTests
{
    private readonly TempDirectory _dir = new();

    private string LedgerPath => _dir.File("ledger.gpkg");

    public override void Dispose()
    {
        base.Dispose();
        _dir.Dispose();
    }

    protected override ILedgerStore OpenStoreCore() => GeoPackageLedgerStore.Open(LedgerPath);

    protected override void ExecuteSql(string sql) => Execute(sql);

    [Fact]
    public void Ledger_passes_the_GDAL_GeoPackage_validator()
    {
        ExternalTool.Require(ExternalTool.Python, "python3");
        ExternalTool.Require(ExternalTool.GpkgValidator, "python3-gdal");
        Populate();

        var (exitCode, output) = ExternalTool.Run(
            ExternalTool.Python, ExternalTool.GpkgValidator, "-k", "--extra", "--warning-as-error", LedgerPath);

        Assert.True(exitCode == 0, $"validate_gpkg.py failed ({exitCode}):\n{output}");
    }

    [Fact]
    public void Empty_ledger_passes_the_GDAL_GeoPackage_validator()
    {
        ExternalTool.Require(ExternalTool.Python, "python3");
        ExternalTool.Require(ExternalTool.GpkgValidator, "python3-gdal");
        GeoPackageLedgerStore.Open(LedgerPath).Dispose();

        var (exitCode, output) = ExternalTool.Run(
            ExternalTool.Python, ExternalTool.GpkgValidator, "-k", "--extra", "--warning-as-error", LedgerPath);

        Assert.True(exitCode == 0, $"validate_gpkg.py failed ({exitCode}):\n{output}");
    }

    [Fact]
    public void Ogrinfo_lists_the_layers_in_EPSG_4326()
    {
        ExternalTool.Require(ExternalTool.OgrInfo, "gdal-bin");
        Populate();

        var (exitCode, output) = ExternalTool.Run(ExternalTool.OgrInfo, "-ro", "-al", "-so", LedgerPath);

        Assert.True(exitCode == 0, $"ogrinfo failed ({exitCode}):\n{output}");
        Assert.DoesNotContain("ERROR", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Warning", output, StringComparison.Ordinal);
        var layers = output.Split("Layer name: ")[1..].ToDictionary(l => l[..l.IndexOf('\n', StringComparison.Ordinal)]);
        Assert.Equal(["blacklist_zones", "events", "flights", "layer_styles", "team_areas", "users", "violations"], layers.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, count) in new[] { ("violations", 3), ("blacklist_zones", 1), ("flights", 1), ("team_areas", 1) })
        {
            Assert.Contains("Geometry: Multi Polygon", layers[name], StringComparison.Ordinal);
            Assert.Contains("ID[\"EPSG\",4326]", layers[name], StringComparison.Ordinal);
            Assert.Contains($"Feature Count: {count}", layers[name], StringComparison.Ordinal);
        }

        Assert.Contains("Geometry: None", layers["events"], StringComparison.Ordinal);
        Assert.Contains("number: String", layers["violations"], StringComparison.Ordinal);
        Assert.Contains("area_m2: Real", layers["violations"], StringComparison.Ordinal);
        Assert.Contains("height_m: Real", layers["violations"], StringComparison.Ordinal);
        Assert.Contains("Extent: (44.800000, 41.700000) - (44.800400, 41.700400)", layers["violations"], StringComparison.Ordinal);
    }

    [Fact]
    public void Reopening_keeps_the_ledger_and_goes_on_numbering()
    {
        using (var store = GeoPackageLedgerStore.Open(LedgerPath))
        {
            store.InsertRecord(Violation());
        }

        using var reopened = GeoPackageLedgerStore.Open(LedgerPath);

        Assert.Equal(LedgerPath, reopened.FilePath);
        Assert.Single(reopened.ReadRecords());
        Assert.Equal("VIG-2026-000002", reopened.InsertRecord(Violation()));
        Assert.Equal("wal", Scalar("PRAGMA journal_mode"));
    }

    [Fact]
    public void Opening_a_file_that_is_not_a_ledger_names_the_file()
    {
        var text = _dir.File("notes.gpkg");
        File.WriteAllText(text, "these are not the buildings you are looking for, not by a long way at all");
        var otherGeoPackage = _dir.File("roads.gpkg");
        using (var connection = new SqliteConnection($"Data Source={otherGeoPackage};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA application_id = 1196444487; CREATE TABLE roads (fid INTEGER PRIMARY KEY);";
            command.ExecuteNonQuery();
        }

        var notSqlite = Assert.Throws<InvalidDataException>(() => GeoPackageLedgerStore.Open(text));
        var notLedger = Assert.Throws<InvalidDataException>(() => GeoPackageLedgerStore.Open(otherGeoPackage));

        Assert.Contains(text, notSqlite.Message, StringComparison.Ordinal);
        Assert.Contains(otherGeoPackage, notLedger.Message, StringComparison.Ordinal);
        Assert.Contains("not a Vigil ledger", notLedger.Message, StringComparison.Ordinal);
        Assert.Equal(
            "these are not the buildings you are looking for, not by a long way at all", File.ReadAllText(text));
    }

    [Fact]
    public void Events_cannot_be_updated_or_deleted()
    {
        using (var store = GeoPackageLedgerStore.Open(LedgerPath))
        {
            store.InsertRecord(Violation());
        }

        var update = Assert.Throws<SqliteException>(() => Execute("UPDATE events SET actor = 'mallory'"));
        var delete = Assert.Throws<SqliteException>(() => Execute("DELETE FROM events"));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal("tester", Scalar("SELECT group_concat(actor) FROM events"));
    }

    [Fact]
    public void Transaction_failing_after_the_number_was_drawn_leaves_no_gap()
    {
        using (var store = GeoPackageLedgerStore.Open(LedgerPath))
        {
            store.InsertRecord(Violation());
        }

        // Fails the last statement of the insert: the number and the record are already written in the transaction.
        Execute("""
            CREATE TRIGGER simulated_crash BEFORE INSERT ON events WHEN NEW.kind = 'created'
            BEGIN SELECT RAISE(ABORT, 'simulated crash'); END
            """);
        using (var store = GeoPackageLedgerStore.Open(LedgerPath))
        {
            var crash = Assert.Throws<SqliteException>(() => store.InsertRecord(Violation()));
            Assert.Contains("simulated crash", crash.Message, StringComparison.Ordinal);
            Assert.Single(store.ReadRecords());
        }

        Execute("DROP TRIGGER simulated_crash");
        using var after = GeoPackageLedgerStore.Open(LedgerPath);

        Assert.Equal("VIG-2026-000002", after.InsertRecord(Violation()));
        Assert.Equal(["VIG-2026-000001", "VIG-2026-000002"], after.ReadRecords().Select(r => r.Number));
        Assert.Equal(2, after.ReadEvents().Count);
    }

    [Fact]
    public void Writer_process_killed_inside_its_transaction_leaves_no_gap()
    {
        ExternalTool.Require(ExternalTool.Python, "python3");
        using var store = GeoPackageLedgerStore.Open(LedgerPath);
        store.InsertRecord(Violation());
        const string HalfWriter = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE vigil_numbering SET last_seq = last_seq + 1 WHERE year = 2026")
            db.execute("INSERT INTO violations (geom, number, kind, area_m2, added_area_m2, confidence, first_seen,"
                       " last_seen, first_flight, last_flight, status) SELECT geom, 'VIG-2026-000002', kind, area_m2,"
                       " added_area_m2, confidence, first_seen, last_seen, 'killed', 'killed', status FROM violations")
            db.execute("INSERT INTO events (at, number, kind, actor, detail) VALUES ('x', 'VIG-2026-000002', 'created', 'killed', '{}')")
            print("inside", flush=True)
            sys.stdin.read()
            """;

        using (var child = ExternalTool.Start(ExternalTool.Python, "-c", HalfWriter, LedgerPath))
        {
            var line = child.StandardOutput.ReadLine();
            if (line != "inside")
            {
                Assert.Fail($"The child did not reach its transaction: {line}{child.StandardError.ReadToEnd()}");
            }

            child.Kill();
            child.WaitForExit();
        }

        Assert.Equal("VIG-2026-000002", store.InsertRecord(Violation()));
        Assert.Equal(["F1", "F1"], store.ReadRecords().Select(r => r.FirstFlightId));
        Assert.DoesNotContain(store.ReadEvents(), e => e.Actor == "killed");
    }

    [Fact]
    public async Task Insert_waits_for_another_process_holding_the_write_lock_and_takes_the_next_number()
    {
        ExternalTool.Require(ExternalTool.Python, "python3");
        using var store = GeoPackageLedgerStore.Open(LedgerPath);
        store.InsertRecord(Violation());
        const string OtherWriter = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
            db.execute("BEGIN IMMEDIATE")
            db.execute("UPDATE vigil_numbering SET last_seq = last_seq + 1 WHERE year = 2026")
            db.execute("INSERT INTO violations (geom, number, kind, area_m2, added_area_m2, confidence, first_seen,"
                       " last_seen, first_flight, last_flight, status) SELECT geom, 'VIG-2026-000002', kind, area_m2,"
                       " added_area_m2, confidence, first_seen, last_seen, 'other', 'other', status FROM violations")
            print("locked", flush=True)
            sys.stdin.readline()
            db.execute("COMMIT")
            print("committed", flush=True)
            """;

        using var child = ExternalTool.Start(ExternalTool.Python, "-c", OtherWriter, LedgerPath);
        if (child.StandardOutput.ReadLine() is var locked && locked != "locked")
        {
            Assert.Fail($"The child did not take the lock: {locked}{child.StandardError.ReadToEnd()}");
        }

        var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.Busy += (_, _) => waiting.TrySetResult();
        var insert = Task.Run(() => store.InsertRecord(Violation()));
        // The store says it found the lock taken and waits; while the other process holds it the insert cannot finish.
        await waiting.Task.WaitAsync(TimeSpan.FromSeconds(25));
        Assert.False(insert.IsCompleted, "the insert did not wait for the other writer");
        child.StandardInput.WriteLine("go");
        Assert.Equal("committed", child.StandardOutput.ReadLine());
        child.WaitForExit();

        Assert.Equal("VIG-2026-000003", await insert);
        Assert.Equal(["F1", "other", "F1"], store.ReadRecords().Select(r => r.FirstFlightId));
    }

    [Fact]
    public void A_write_lock_held_past_the_busy_timeout_refuses_the_write_naming_the_ledger_and_writes_nothing()
    {
        using var store = GeoPackageLedgerStore.Open(LedgerPath, TimeSpan.FromSeconds(1));
        store.InsertRecord(Violation());
        using var other = new SqliteConnection($"Data Source={LedgerPath};Pooling=false");
        other.Open();

        LedgerBusyException refused;
        using (other.BeginTransaction(deferred: false))
        {
            refused = Assert.Throws<LedgerBusyException>(() => store.InsertRecord(Violation()));
        }

        Assert.Contains($"'{LedgerPath}' stayed locked by another program's write for 1 s; nothing was written", refused.Message, StringComparison.Ordinal);
        Assert.Single(store.ReadRecords());
        Assert.Equal("VIG-2026-000002", store.InsertRecord(Violation()));
    }

    [Fact]
    public void Contents_extent_grows_with_the_features()
    {
        using (var store = GeoPackageLedgerStore.Open(LedgerPath))
        {
            store.InsertRecord(Violation());
            store.InsertRecord(Violation(wkt: "POLYGON ((44.7 41.6, 44.71 41.6, 44.71 41.61, 44.7 41.6))"));
        }

        Assert.Equal(
            "44.7 41.6 44.8002 41.7002",
            Scalar("SELECT min_x || ' ' || min_y || ' ' || max_x || ' ' || max_y FROM gpkg_contents WHERE table_name = 'violations'"));
        Assert.Null(Scalar("SELECT min_x FROM gpkg_contents WHERE table_name = 'flights'"));
    }

    [Fact]
    public void A_ledger_written_before_team_areas_gets_the_layer_when_opened()
    {
        GeoPackageLedgerStore.Open(LedgerPath).Dispose();
        Execute("""
            DELETE FROM gpkg_geometry_columns WHERE table_name = 'team_areas';
            DELETE FROM gpkg_contents WHERE table_name = 'team_areas';
            DROP TABLE team_areas;
            """);

        using var store = GeoPackageLedgerStore.Open(LedgerPath);
        store.ReplaceTeamAreas(
            [("north", Geo.Wkt("POLYGON ((44.79 41.69, 44.81 41.69, 44.81 41.71, 44.79 41.69))"))], May2026, "tester");

        Assert.Equal(["north"], store.ReadTeamAreas().Select(a => a.Team));
        Assert.Equal("features", Scalar("SELECT data_type FROM gpkg_contents WHERE table_name = 'team_areas'"));
    }

    [Fact]
    public void A_ledger_given_its_height_column_on_opening_passes_the_GDAL_GeoPackage_validator()
    {
        ExternalTool.Require(ExternalTool.Python, "python3");
        ExternalTool.Require(ExternalTool.GpkgValidator, "python3-gdal");
        Populate();
        Execute("ALTER TABLE violations DROP COLUMN height_m");
        using (var store = GeoPackageLedgerStore.Open(LedgerPath))
        {
            store.RecordSighting("VIG-2026-000001", "F3", May2026.AddDays(60), 0.8, "tester", 5.5);
        }

        var (exitCode, output) = ExternalTool.Run(
            ExternalTool.Python, ExternalTool.GpkgValidator, "-k", "--extra", "--warning-as-error", LedgerPath);

        Assert.True(exitCode == 0, $"validate_gpkg.py failed ({exitCode}):\n{output}");
        Assert.Equal(5.5, Scalar("SELECT height_m FROM violations WHERE number = 'VIG-2026-000001'"));
        Assert.Equal(3L, Scalar("SELECT count(*) FROM violations"));
    }

    private void Populate()
    {
        using var store = GeoPackageLedgerStore.Open(LedgerPath);
        store.ReplaceBlacklistZones(
            [("river bank", Geo.Wkt("POLYGON ((44.79 41.69, 44.81 41.69, 44.81 41.71, 44.79 41.69))"))], May2026, "tester");
        store.ReplaceTeamAreas(
            [("north", Geo.Wkt("POLYGON ((44.79 41.69, 44.81 41.69, 44.81 41.71, 44.79 41.71, 44.79 41.69))"))], May2026, "tester");
        store.BeginFlight(new FlightStart("F1", May2026, ["a.tif"], "tester"));
        var first = store.InsertRecord(Violation(zone: "river bank") with { HeightMeters = 4.2 });
        store.InsertRecord(Violation(kind: ViolationKinds.KnownViolation, baselineRef: "K-3",
            wkt: "POLYGON ((44.8003 41.7003, 44.8004 41.7003, 44.8004 41.7004, 44.8003 41.7003))"));
        var candidate = store.InsertRecord(Violation(kind: ViolationKinds.DemolishedCandidate, baselineRef: "B-9") with { Confidence = 0 });
        store.RecordSighting(first, "F2", May2026.AddDays(30), 0.77, "tester", 4.4);
        store.RecordMissed(candidate, "F2", May2026.AddDays(30), "tester");
        store.CompleteFlight(new FlightEnd(
            "F1", May2026.AddHours(2),
            Geo.Wkt("POLYGON ((44.79 41.69, 44.81 41.69, 44.81 41.71, 44.79 41.71, 44.79 41.69))"),
            64, 3, [new Rejection("b.tif", "no georeference")], Failed: false, "tester"));
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={LedgerPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={LedgerPath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is var value and not DBNull ? value : null;
    }
}
