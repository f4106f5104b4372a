using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Vigil.Ledger.Stores;

/// <summary>
/// The schema of a Vigil ledger: a GeoPackage 1.2 (OGC 12-128r15) with its three mandatory tables written here, five
/// layers and a numbering table; and <see cref="Prepare"/>, which makes an opened file a ledger of today's schema.
/// Layer and column names are the ledger's public format (QGIS, ogr2ogr read them).
/// </summary>
internal static class GeoPackageSchema
{
    /// <summary>"GPKG" read as a big-endian 32-bit integer.</summary>
    public const int ApplicationId = 1196444487;

    /// <summary>GeoPackage 1.2.0.</summary>
    public const int UserVersion = 10200;

    private const string Violations = LedgerSchema.Violations;
    private const string BlacklistZones = LedgerSchema.BlacklistZones;
    private const string Flights = LedgerSchema.Flights;
    private const string TeamAreas = LedgerSchema.TeamAreas;
    private const string Events = LedgerSchema.Events;
    private const string Numbering = LedgerSchema.Numbering;
    private const string HeightColumn = LedgerSchema.HeightColumn;
    private const string WholeOutlineColumn = LedgerSchema.WholeOutlineColumn;

    /// <summary>The layers a file must register in gpkg_contents to be opened as a ledger.</summary>
    public static readonly string[] Layers = [Violations, BlacklistZones, Flights, Events];

    private const string CreateTeamAreas = $"""
        CREATE TABLE {TeamAreas} (
            fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
            geom MULTIPOLYGON NOT NULL,
            team TEXT NOT NULL UNIQUE,
            loaded_at TEXT NOT NULL);
        """;

    /// <summary>
    /// Adds the team areas layer to a ledger created before it existed (empty: no team is assigned until loaded).
    /// </summary>
    public static readonly string AddTeamAreas = $"""
        {CreateTeamAreas}
        INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES
            ('{TeamAreas}', 'features', '{TeamAreas}', 'Team areas: a case belongs to the team whose area holds its centroid', 4326);
        INSERT INTO gpkg_geometry_columns VALUES ('{TeamAreas}', 'geom', 'MULTIPOLYGON', 4326, 0, 0);
        """;

    /// <summary>Adds the height column to a ledger written before it existed; its cases keep a null height until measured.</summary>
    public const string AddHeight = $"ALTER TABLE {Violations} ADD COLUMN {HeightColumn} REAL";

    /// <summary>Adds the whole-outline column to a ledger written before it existed; its cases keep it null.</summary>
    public const string AddWholeOutline = $"ALTER TABLE {Violations} ADD COLUMN {WholeOutlineColumn} TEXT";

    /// <summary>Adds the zones' card column to a ledger written before it existed; filled by the next card evaluation.</summary>
    public const string AddZoneCard = $"ALTER TABLE {BlacklistZones} ADD COLUMN {LedgerSchema.ZoneCardColumn} TEXT";

    /// <summary>
    /// QGIS's own layer_styles table (the columns QGIS creates), registered as an attributes table; the rows are
    /// written from <see cref="Qgis.LayerStyles"/>.
    /// </summary>
    public const string CreateLayerStyles = $"""
        CREATE TABLE {LedgerSchema.LayerStyles} (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            f_table_catalog TEXT(256),
            f_table_schema TEXT(256),
            f_table_name TEXT(256),
            f_geometry_column TEXT(256),
            styleName TEXT(30),
            styleQML TEXT,
            styleSLD TEXT,
            useAsDefault BOOLEAN,
            description TEXT,
            owner TEXT(30),
            ui TEXT(30),
            update_time DATETIME DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
        INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES
            ('{LedgerSchema.LayerStyles}', 'attributes', '{LedgerSchema.LayerStyles}', 'QGIS layer styles');
        """;

    /// <summary>Adds the flights' capture time columns to a ledger written before they existed; its flights keep them null.</summary>
    public const string AddCaptured = $"""
        ALTER TABLE {Flights} ADD COLUMN {LedgerSchema.CapturedColumn} TEXT;
        ALTER TABLE {Flights} ADD COLUMN {LedgerSchema.CapturedFromColumn} TEXT;
        """;

    /// <summary>Creates everything in an empty database; run inside the transaction that creates the file.</summary>
    public static readonly string Create = $"""
        PRAGMA application_id = {ApplicationId};
        PRAGMA user_version = {UserVersion};

        CREATE TABLE gpkg_spatial_ref_sys (
            srs_name TEXT NOT NULL,
            srs_id INTEGER PRIMARY KEY,
            organization TEXT NOT NULL,
            organization_coordsys_id INTEGER NOT NULL,
            definition TEXT NOT NULL,
            description TEXT);

        INSERT INTO gpkg_spatial_ref_sys VALUES
            ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
            ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
            ('WGS 84 geodetic', 4326, 'EPSG', 4326,
             'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]',
             'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');

        CREATE TABLE gpkg_contents (
            table_name TEXT NOT NULL PRIMARY KEY,
            data_type TEXT NOT NULL,
            identifier TEXT UNIQUE,
            description TEXT DEFAULT '',
            last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
            min_x DOUBLE,
            min_y DOUBLE,
            max_x DOUBLE,
            max_y DOUBLE,
            srs_id INTEGER,
            CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));

        CREATE TABLE gpkg_geometry_columns (
            table_name TEXT NOT NULL,
            column_name TEXT NOT NULL,
            geometry_type_name TEXT NOT NULL,
            srs_id INTEGER NOT NULL,
            z TINYINT NOT NULL,
            m TINYINT NOT NULL,
            CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
            CONSTRAINT uk_gc_table_name UNIQUE (table_name),
            CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
            CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));

        CREATE TABLE {Violations} (
            fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
            geom MULTIPOLYGON NOT NULL,
            number TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            area_m2 REAL NOT NULL,
            added_area_m2 REAL NOT NULL,
            confidence REAL NOT NULL,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            first_flight TEXT NOT NULL,
            last_flight TEXT NOT NULL,
            status TEXT NOT NULL,
            blacklist_zone TEXT,
            card TEXT,
            baseline_ref TEXT,
            offender TEXT,
            height_m REAL,
            whole_outline_wkt TEXT);
        CREATE INDEX violations_baseline_ref ON {Violations} (baseline_ref, kind);

        CREATE TABLE {BlacklistZones} (
            fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
            geom MULTIPOLYGON NOT NULL,
            name TEXT NOT NULL UNIQUE,
            loaded_at TEXT NOT NULL,
            card TEXT);

        {CreateTeamAreas}

        CREATE TABLE {Flights} (
            fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
            geom MULTIPOLYGON,
            flight_id TEXT NOT NULL UNIQUE,
            started TEXT NOT NULL,
            finished TEXT,
            inputs TEXT NOT NULL,
            status TEXT NOT NULL,
            tiles INTEGER NOT NULL,
            detections INTEGER NOT NULL,
            rejections TEXT NOT NULL,
            captured TEXT,
            captured_from TEXT);

        CREATE TABLE {Events} (
            id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
            at TEXT NOT NULL,
            number TEXT,
            flight_id TEXT,
            kind TEXT NOT NULL,
            actor TEXT NOT NULL,
            detail TEXT NOT NULL);
        CREATE INDEX events_number ON {Events} (number, flight_id, kind);
        -- Backstops for the idempotency the store checks: one sighting and one miss per case and flight.
        CREATE UNIQUE INDEX events_seen_once ON {Events} (number, flight_id) WHERE kind = 'seen';
        CREATE UNIQUE INDEX events_not_seen_once ON {Events} (number, flight_id) WHERE kind = 'not-seen';
        CREATE TRIGGER events_no_update BEFORE UPDATE ON {Events}
        BEGIN SELECT RAISE(ABORT, 'the events table is append-only: events cannot be updated'); END;
        CREATE TRIGGER events_no_delete BEFORE DELETE ON {Events}
        BEGIN SELECT RAISE(ABORT, 'the events table is append-only: events cannot be deleted'); END;

        -- Not a GeoPackage layer: per year, the last sequence number issued. Never decreases.
        CREATE TABLE {Numbering} (
            year INTEGER PRIMARY KEY NOT NULL,
            last_seq INTEGER NOT NULL CHECK (last_seq > 0));

        INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES
            ('{Violations}', 'features', '{Violations}', 'Numbered violation cases (Vigil ledger)', 4326),
            ('{BlacklistZones}', 'features', '{BlacklistZones}', 'Black-list zones', 4326),
            ('{Flights}', 'features', '{Flights}', 'Processed flights and the ground they covered', 4326),
            ('{TeamAreas}', 'features', '{TeamAreas}', 'Team areas: a case belongs to the team whose area holds its centroid', 4326),
            ('{Events}', 'attributes', '{Events}', 'Append-only event log of the ledger', NULL);

        INSERT INTO gpkg_geometry_columns VALUES
            ('{Violations}', 'geom', 'MULTIPOLYGON', 4326, 0, 0),
            ('{BlacklistZones}', 'geom', 'MULTIPOLYGON', 4326, 0, 0),
            ('{Flights}', 'geom', 'MULTIPOLYGON', 4326, 0, 0),
            ('{TeamAreas}', 'geom', 'MULTIPOLYGON', 4326, 0, 0);
        """;

    /// <summary>
    /// The layers and columns later versions introduced, each named by what it adds ("table" or "table.column") with
    /// how it is added to a ledger written before it, in the order they came; the data already there is kept as it is.
    /// </summary>
    private static readonly (string Adds, Action<SqliteConnection, SqliteTransaction> Add)[] Additions =
    [
        (TeamAreas, Run(AddTeamAreas)),
        ($"{Violations}.{HeightColumn}", Run(AddHeight)),
        ($"{Violations}.{WholeOutlineColumn}", Run(AddWholeOutline)),
        ($"{BlacklistZones}.{LedgerSchema.ZoneCardColumn}", Run(AddZoneCard)),
        (LedgerSchema.LayerStyles, WriteLayerStyles),
        ($"{Flights}.{LedgerSchema.CapturedColumn}", Run(AddCaptured)),
        (LedgerSchema.Users, Run(OfficeSchema.GeoPackage)),
    ];

    /// <summary>
    /// Makes the file open on <paramref name="connection"/> a ledger of today's schema: creates the schema in an empty
    /// file, refuses a file that is not a Vigil ledger before changing it, then sets the journal and adds what
    /// <see cref="Additions"/> lacks. Each change is one transaction.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a Vigil ledger; the message names <paramref name="path"/>.</exception>
    public static void Prepare(SqliteConnection connection, string path)
    {
        if (Names(connection, null).Count == 0)
        {
            Configure(connection);
            UnderWriteLock(connection, names => names.Count == 0, (tx, _) =>
            {
                Sql.Execute(connection, tx, Create);
                WriteLayerStyles(connection, tx);
            });
        }

        CheckIsLedger(connection, path);
        Configure(connection);
        UnderWriteLock(connection, names => Additions.Any(a => !names.Contains(a.Adds)), (tx, names) =>
        {
            foreach (var (_, add) in Additions.Where(a => !names.Contains(a.Adds)))
            {
                add(connection, tx);
            }
        });
    }

    private static void Configure(SqliteConnection connection) =>
        Sql.Execute(connection, null, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");

    /// <summary>
    /// Runs <paramref name="work"/> in a <c>BEGIN IMMEDIATE</c> transaction when <paramref name="needed"/> holds of the
    /// file's <see cref="Names"/>, looked at again once the lock is held: another process may have done the work between.
    /// </summary>
    private static void UnderWriteLock(
        SqliteConnection connection, Func<HashSet<string>, bool> needed, Action<SqliteTransaction, HashSet<string>> work)
    {
        if (!needed(Names(connection, null)))
        {
            return;
        }

        using var tx = connection.BeginTransaction(deferred: false);
        if (Names(connection, tx) is var names && needed(names))
        {
            work(tx, names);
        }

        tx.Commit();
    }

    /// <summary>
    /// Every table of the file by its name, and the columns of the layers <see cref="Additions"/> widen as "table.column"
    /// (only theirs: another tool's virtual table may need a module this SQLite lacks).
    /// </summary>
    private static HashSet<string> Names(SqliteConnection connection, SqliteTransaction? tx) => Sql.Names(connection, tx, $"""
        SELECT name FROM sqlite_master WHERE type = 'table'
        UNION ALL SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p
        WHERE m.type = 'table' AND m.name IN ('{Violations}', '{BlacklistZones}', '{Flights}')
        """);

    private static Action<SqliteConnection, SqliteTransaction> Run(string sql) => (connection, tx) => Sql.Execute(connection, tx, sql);

    /// <summary>Creates QGIS's layer_styles table with the ledger's default style per layer.</summary>
    private static void WriteLayerStyles(SqliteConnection connection, SqliteTransaction tx)
    {
        Sql.Execute(connection, tx, CreateLayerStyles);
        foreach (var (layer, description, qml) in Qgis.LayerStyles.All)
        {
            Sql.Execute(connection, tx, $"""
                INSERT INTO {LedgerSchema.LayerStyles} (f_table_catalog, f_table_schema, f_table_name, f_geometry_column,
                    styleName, styleQML, styleSLD, useAsDefault, description, owner, ui)
                VALUES ('', '', @table, 'geom', @name, @qml, '', 1, @description, 'vigil', '')
                """, ("@table", layer), ("@name", Qgis.LayerStyles.StyleName), ("@qml", qml.ToString()), ("@description", description));
        }
    }

    private static void CheckIsLedger(SqliteConnection connection, string path)
    {
        var applicationId = Convert.ToInt64(Sql.Scalar(connection, null, "PRAGMA application_id"), CultureInfo.InvariantCulture);
        if (applicationId != ApplicationId)
        {
            throw new InvalidDataException(
                $"'{path}' is not a Vigil ledger: it is not a GeoPackage (application_id {applicationId}).");
        }

        var tables = Names(connection, null);
        var registered = tables.Contains("gpkg_contents") ? Sql.Names(connection, null, "SELECT table_name FROM gpkg_contents") : null;
        List<string> missing = registered is null
            ? ["gpkg_contents"]
            : [.. Layers.Where(l => !registered.Contains(l) || !tables.Contains(l))];
        if (!tables.Contains(Numbering))
        {
            missing.Add(Numbering);
        }

        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"'{path}' is a GeoPackage but not a Vigil ledger: it lacks {string.Join(", ", missing)}.");
        }
    }
}
