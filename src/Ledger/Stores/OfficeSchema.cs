namespace Vigil.Ledger.Stores;

/// <summary>
/// What <c>vigil serve</c> adds to a ledger, in each engine's SQL: the <c>users</c> table, and the triggers that catch
/// edits of cases made behind the application's back (QGIS on the GeoPackage, SQL on PostGIS). A status change the event
/// log does not explain (its case's latest event is not a "status-changed" to the new status) appends a
/// "status-edited-outside" event; a deleted case row appends "case-deleted-outside". The stores write the event before
/// they change the status, so their own changes are never reported. Added on open to every ledger, new or old.
/// </summary>
internal static class OfficeSchema
{
    private const string Violations = LedgerSchema.Violations;
    private const string Events = LedgerSchema.Events;
    private const string Users = LedgerSchema.Users;

    /// <summary>Who the triggers' events name as actor, followed on PostGIS by the database role and client address.</summary>
    public const string OutsideActor = "outside Vigil";

    /// <summary>The GeoPackage's users table (an attributes table) and status triggers.</summary>
    public static readonly string GeoPackage = $"""
        CREATE TABLE {Users} (
            fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
            name TEXT NOT NULL UNIQUE,
            display_name TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            role TEXT NOT NULL,
            team TEXT,
            language TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            failed_logins INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            created TEXT NOT NULL);
        INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES
            ('{Users}', 'attributes', '{Users}', 'Accounts of vigil serve (hashed passwords, roles, teams)', NULL);

        CREATE TRIGGER violations_status_outside AFTER UPDATE OF status ON {Violations}
        WHEN NEW.status IS NOT OLD.status AND NOT EXISTS (
            SELECT 1 FROM {Events} e WHERE e.id = (SELECT max(id) FROM {Events} WHERE number = NEW.number)
                AND e.kind = 'status-changed' AND json_extract(e.detail, '$.to') = NEW.status)
        BEGIN
            INSERT INTO {Events} (at, number, flight_id, kind, actor, detail)
            VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), NEW.number, NULL, '{OfficeEventKinds.StatusEditedOutside}',
                '{OutsideActor}', json_object('from', OLD.status, 'to', NEW.status));
        END;
        CREATE TRIGGER violations_deleted_outside AFTER DELETE ON {Violations}
        BEGIN
            INSERT INTO {Events} (at, number, flight_id, kind, actor, detail)
            VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), OLD.number, NULL, '{OfficeEventKinds.CaseDeletedOutside}',
                '{OutsideActor}', json_object('status', OLD.status, 'kind', OLD.kind, 'area_m2', OLD.area_m2));
        END;
        """;

    /// <summary>
    /// The PostGIS users table and status trigger, idempotent (run on every open). The trigger function keeps the search
    /// path it was created with, so an edit through a schema-qualified name still logs into this ledger's events.
    /// </summary>
    public static readonly string PostGis = $"""
        CREATE TABLE IF NOT EXISTS {Users} (
            fid bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            name text NOT NULL UNIQUE,
            display_name text NOT NULL,
            password_hash text NOT NULL,
            role text NOT NULL,
            team text,
            language text NOT NULL,
            disabled integer NOT NULL DEFAULT 0,
            failed_logins integer NOT NULL DEFAULT 0,
            locked_until timestamptz,
            created timestamptz NOT NULL);
        CREATE OR REPLACE FUNCTION violations_changed_outside() RETURNS trigger LANGUAGE plpgsql
        SET search_path FROM CURRENT AS $$
        DECLARE who text := '{OutsideActor}: ' || session_user || '@' || coalesce(host(inet_client_addr()), 'local');
        BEGIN
            IF TG_OP = 'DELETE' THEN
                INSERT INTO {Events} (at, number, flight_id, kind, actor, detail)
                VALUES (now(), OLD.number, NULL, '{OfficeEventKinds.CaseDeletedOutside}', who,
                    json_build_object('status', OLD.status, 'kind', OLD.kind, 'area_m2', OLD.area_m2)::text);
                RETURN OLD;
            END IF;
            IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
                SELECT 1 FROM {Events} e WHERE e.id = (SELECT max(id) FROM {Events} WHERE number = NEW.number)
                    AND e.kind = 'status-changed' AND e.detail::json->>'to' = NEW.status) THEN
                INSERT INTO {Events} (at, number, flight_id, kind, actor, detail)
                VALUES (now(), NEW.number, NULL, '{OfficeEventKinds.StatusEditedOutside}', who,
                    json_build_object('from', OLD.status, 'to', NEW.status)::text);
            END IF;
            RETURN NEW;
        END $$;
        -- Looked up first: CREATE TRIGGER locks the table against writers even when the trigger is there.
        DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'violations_changed_outside'
                           AND tgrelid = '{Violations}'::regclass) THEN
                CREATE TRIGGER violations_changed_outside AFTER UPDATE OF status OR DELETE ON {Violations}
                    FOR EACH ROW EXECUTE FUNCTION violations_changed_outside();
            END IF;
        END $$;
        """;
}
