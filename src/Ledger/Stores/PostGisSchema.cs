using System.Data.Common;

namespace Vigil.Ledger.Stores;

/// <summary>
/// The SQL of a Vigil ledger in PostgreSQL with PostGIS: the same tables and columns as the GeoPackage ledger
/// (<see cref="LedgerSchema"/>), geometries as <c>geometry(MultiPolygon, 4326)</c>, times as <c>timestamptz</c>,
/// created in the first schema of the connection's search path.
/// </summary>
internal static class PostGisSchema
{
    /// <summary>The tables a database must hold to be opened as a ledger.</summary>
    public static readonly string[] Tables =
    [
        LedgerSchema.Violations, LedgerSchema.BlacklistZones, LedgerSchema.Flights, LedgerSchema.Events,
        LedgerSchema.Numbering,
    ];

    /// <summary>
    /// Taken (transaction-scoped) by every write and by the creation of the schema: writes to one ledger queue up like
    /// the GeoPackage's <c>BEGIN IMMEDIATE</c>, so checks and numbering never race between processes.
    /// </summary>
    public const string LockWriters = "SELECT pg_advisory_xact_lock(hashtext('vigil-ledger:' || current_schema()))";

    /// <summary>
    /// Run on every open: adds the team areas table and the violations' height and whole-outline columns to a ledger
    /// created before they existed (its cases keep a null height until a flight measures it, and no whole outline).
    /// </summary>
    public static readonly string AddMissingTables = $"""
        CREATE TABLE IF NOT EXISTS {LedgerSchema.TeamAreas} (
            fid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            geom geometry(MultiPolygon, 4326) NOT NULL,
            team text NOT NULL UNIQUE,
            loaded_at timestamptz NOT NULL);
        -- Looked up first: ALTER TABLE locks the table even when the column is there.
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                           AND table_name = '{LedgerSchema.Violations}' AND column_name = '{LedgerSchema.HeightColumn}') THEN
                ALTER TABLE {LedgerSchema.Violations} ADD COLUMN {LedgerSchema.HeightColumn} double precision;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                           AND table_name = '{LedgerSchema.Violations}' AND column_name = '{LedgerSchema.WholeOutlineColumn}') THEN
                ALTER TABLE {LedgerSchema.Violations} ADD COLUMN {LedgerSchema.WholeOutlineColumn} text;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                           AND table_name = '{LedgerSchema.BlacklistZones}' AND column_name = '{LedgerSchema.ZoneCardColumn}') THEN
                ALTER TABLE {LedgerSchema.BlacklistZones} ADD COLUMN {LedgerSchema.ZoneCardColumn} text;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema()
                           AND table_name = '{LedgerSchema.Flights}' AND column_name = '{LedgerSchema.CapturedColumn}') THEN
                ALTER TABLE {LedgerSchema.Flights} ADD COLUMN {LedgerSchema.CapturedColumn} timestamptz;
                ALTER TABLE {LedgerSchema.Flights} ADD COLUMN {LedgerSchema.CapturedFromColumn} text;
            END IF;
        END $$;
        """;

    /// <summary>
    /// Makes the database a ledger of today's schema in the caller's transaction, which holds <see cref="LockWriters"/>;
    /// <see cref="InvalidDataException"/> naming <paramref name="description"/> when it cannot be one.
    /// </summary>
    public static void Prepare(DbConnection connection, DbTransaction tx, string description, bool createWhenMissing)
    {
        if (Sql.Scalar(connection, tx, "SELECT to_regtype('geometry')") is null or DBNull)
        {
            throw new InvalidDataException(
                $"{description} lacks PostGIS: run CREATE EXTENSION postgis in it (scripts/postgis.sh does).");
        }

        var tables = Sql.Names(connection, tx,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
        if (tables.Count == 0 && !createWhenMissing)
        {
            throw new InvalidDataException(
                $"{description} holds no Vigil ledger: check --ledger, or create one with 'vigil ledger init' (vigil run "
                + "and vigil nightly create it too); nothing was written");
        }

        if (tables.Count == 0)
        {
            Sql.Execute(connection, tx, Create);
        }
        else if (Tables.Where(t => !tables.Contains(t)).ToList() is { Count: > 0 } missing)
        {
            throw new InvalidDataException(
                $"{description} is not a Vigil ledger: its schema lacks {string.Join(", ", missing)}.");
        }

        Sql.Execute(connection, tx, AddMissingTables);
        Sql.Execute(connection, tx, OfficeSchema.PostGis);
    }

    public static readonly string Create = $"""
        CREATE TABLE {LedgerSchema.Violations} (
            fid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            geom geometry(MultiPolygon, 4326) NOT NULL,
            number text NOT NULL UNIQUE,
            kind text NOT NULL,
            area_m2 double precision NOT NULL,
            added_area_m2 double precision NOT NULL,
            confidence double precision NOT NULL,
            first_seen timestamptz NOT NULL,
            last_seen timestamptz NOT NULL,
            first_flight text NOT NULL,
            last_flight text NOT NULL,
            status text NOT NULL,
            blacklist_zone text,
            card text,
            baseline_ref text,
            offender text,
            height_m double precision,
            whole_outline_wkt text);
        CREATE INDEX violations_geom ON {LedgerSchema.Violations} USING gist (geom);
        CREATE INDEX violations_baseline_ref ON {LedgerSchema.Violations} (baseline_ref, kind);

        CREATE TABLE {LedgerSchema.BlacklistZones} (
            fid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            geom geometry(MultiPolygon, 4326) NOT NULL,
            name text NOT NULL UNIQUE,
            loaded_at timestamptz NOT NULL,
            card text);

        CREATE TABLE {LedgerSchema.Flights} (
            fid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            geom geometry(MultiPolygon, 4326),
            flight_id text NOT NULL UNIQUE,
            started timestamptz NOT NULL,
            finished timestamptz,
            inputs text NOT NULL,
            status text NOT NULL,
            tiles integer NOT NULL,
            detections integer NOT NULL,
            rejections text NOT NULL,
            captured timestamptz,
            captured_from text);

        CREATE TABLE {LedgerSchema.Events} (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at timestamptz NOT NULL,
            number text,
            flight_id text,
            kind text NOT NULL,
            actor text NOT NULL,
            detail text NOT NULL);
        CREATE INDEX events_number ON {LedgerSchema.Events} (number, flight_id, kind);
        -- Backstops for the idempotency the store checks: one sighting and one miss per case and flight.
        CREATE UNIQUE INDEX events_seen_once ON {LedgerSchema.Events} (number, flight_id) WHERE kind = 'seen';
        CREATE UNIQUE INDEX events_not_seen_once ON {LedgerSchema.Events} (number, flight_id) WHERE kind = 'not-seen';
        CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the events table is append-only: events cannot be %d', lower(TG_OP); END $$;
        CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON {LedgerSchema.Events}
            FOR EACH ROW EXECUTE FUNCTION events_append_only();

        -- Per year, the last sequence number issued. Never decreases.
        CREATE TABLE {LedgerSchema.Numbering} (
            year integer PRIMARY KEY,
            last_seq bigint NOT NULL CHECK (last_seq > 0));
        """;
}
