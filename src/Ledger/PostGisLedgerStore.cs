using System.Data;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;
using Vigil.Core;

namespace Vigil.Ledger;

/// <summary>
/// The ledger in PostgreSQL with PostGIS, for offices that share one register between several machines: the same
/// tables, columns and behaviour as <see cref="GeoPackageLedgerStore"/> (the ledger tests run against both), created in
/// the first schema of the connection's search path. Every write is one transaction that first takes the ledger's
/// advisory lock, so concurrent writers (threads or processes) queue up and numbers are never duplicated or skipped.
/// Thread-safe: each call takes a pooled connection.
/// </summary>
public sealed class PostGisLedgerStore : ILedgerStore
{
    private readonly NpgsqlDataSource _source;

    private PostGisLedgerStore(NpgsqlDataSource source, string description)
    {
        _source = source;
        Description = description;
    }

    /// <summary>Host, database and schema of the ledger, without credentials, for messages.</summary>
    public string Description { get; }

    /// <summary>True when <paramref name="ledger"/> is a PostgreSQL connection string rather than a file path.</summary>
    public static bool IsConnectionString(string ledger) =>
        ledger.Contains("Host=", StringComparison.OrdinalIgnoreCase) && ledger.Contains(';', StringComparison.Ordinal);

    /// <summary>
    /// Connects to the database and creates the ledger's tables when none exist. The PostGIS extension must be
    /// installed (<c>CREATE EXTENSION postgis</c>, see scripts/postgis.sh).
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string, e.g. "Host=127.0.0.1;Database=vigil;Username=...".</param>
    /// <exception cref="InvalidDataException">The schema holds some ledger tables but not all, or PostGIS is missing.</exception>
    /// <exception cref="IOException">The server cannot be reached or refuses the login.</exception>
    public static PostGisLedgerStore Open(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.UseNetTopologySuite();
        var settings = builder.ConnectionStringBuilder;
        var description = $"PostgreSQL {settings.Host}:{settings.Port}/{settings.Database}"
            + (settings.SearchPath is { Length: > 0 } path ? $" (schema {path.Split(',')[0]})" : "");
        var source = builder.Build();
        try
        {
            using var connection = source.OpenConnection();
            using var tx = connection.BeginTransaction(IsolationLevel.ReadCommitted);
            Execute(connection, tx, PostGisSchema.LockWriters);
            if (Scalar(connection, tx, "SELECT to_regtype('geometry')") is null or DBNull)
            {
                throw new InvalidDataException(
                    $"{description} lacks PostGIS: run CREATE EXTENSION postgis in it (scripts/postgis.sh does).");
            }

            var tables = ListTables(connection, tx);
            if (tables.Count == 0)
            {
                Execute(connection, tx, PostGisSchema.Create);
            }
            else if (PostGisSchema.Tables.Where(t => !tables.Contains(t)).ToList() is { Count: > 0 } missing)
            {
                throw new InvalidDataException(
                    $"{description} is not a Vigil ledger: its schema lacks {string.Join(", ", missing)}.");
            }

            Execute(connection, tx, PostGisSchema.AddMissingTables);

            tx.Commit();
            return new PostGisLedgerStore(source, description);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException)
        {
            source.Dispose();
            throw new IOException($"Cannot open the ledger {description}: {ex.Message}", ex);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<ViolationRecord> ReadRecords() => Read(c => QueryRecords(c, "TRUE ORDER BY fid"));

    /// <inheritdoc />
    public ViolationRecord? Find(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return Read(c => QueryRecords(c, "number = @a", ("@a", number)).SingleOrDefault());
    }

    /// <inheritdoc />
    public ViolationRecord? FindByBaselineRef(string baselineRef, string kind)
    {
        ArgumentNullException.ThrowIfNull(baselineRef);
        ArgumentNullException.ThrowIfNull(kind);
        return Read(c => QueryRecords(
            c, "baseline_ref = @a AND kind = @b ORDER BY fid LIMIT 1", ("@a", baselineRef), ("@b", kind)).SingleOrDefault());
    }

    /// <inheritdoc />
    public string InsertRecord(NewViolation violation)
    {
        LedgerArguments.Check(violation);
        var outline = Wgs84Outline.Normalize(violation.FootprintWgs84, nameof(violation));
        var year = violation.SeenUtc.UtcDateTime.Year;
        var seen = Time(violation.SeenUtc);

        return Write((c, tx) =>
        {
            var sequence = Convert.ToInt64(Scalar(c, tx, $"""
                INSERT INTO {GeoPackageSchema.Numbering} AS n (year, last_seq) VALUES (@year, 1)
                ON CONFLICT (year) DO UPDATE SET last_seq = n.last_seq + 1
                RETURNING last_seq
                """, ("@year", year)), CultureInfo.InvariantCulture);
            var number = string.Create(CultureInfo.InvariantCulture, $"VIG-{year}-{sequence:D6}");

            Execute(c, tx, LedgerRows.InsertViolation,
                ("@geom", outline), ("@number", number), ("@kind", violation.Kind), ("@area", violation.AreaSquareMeters),
                ("@added", violation.AddedAreaSquareMeters), ("@confidence", violation.Confidence), ("@seen", seen),
                ("@flight", violation.FlightId), ("@zone", violation.BlacklistZone), ("@baseline", violation.BaselineRef),
                ("@height", Real("@height", violation.HeightMeters)), ("@whole", LedgerRows.WholeOutlineText(violation)));
            AppendEvent(c, tx, violation.SeenUtc, number, violation.FlightId, LedgerEventKinds.Created, violation.Actor,
                LedgerArguments.CreatedDetail(violation));
            return number;
        });
    }

    /// <inheritdoc />
    public bool RecordSighting(
        string number, string flightId, DateTimeOffset seenUtc, double confidence, string actor, double? heightMeters = null)
    {
        LedgerArguments.CheckObservation(number, flightId, actor);
        LedgerArguments.RequireConfidence(confidence, nameof(confidence));
        LedgerArguments.RequireHeight(heightMeters, nameof(heightMeters));

        return Write((c, tx) =>
        {
            RequireCase(c, tx, number);
            if (HasFlightEvent(c, tx, number, flightId, LedgerEventKinds.Seen))
            {
                return false;
            }

            AppendEvent(c, tx, seenUtc, number, flightId, LedgerEventKinds.Seen, actor, LedgerArguments.SeenDetail(confidence, heightMeters));
            Execute(c, tx, LedgerRows.SightingUpdate, ("@seen", Time(seenUtc)), ("@flight", flightId),
                ("@confidence", confidence), ("@height", Real("@height", heightMeters)), ("@number", number));
            return true;
        });
    }

    /// <inheritdoc />
    public bool RecordMissed(string number, string flightId, DateTimeOffset at, string actor)
    {
        LedgerArguments.CheckObservation(number, flightId, actor);

        return Write((c, tx) =>
        {
            RequireCase(c, tx, number);
            if (HasFlightEvent(c, tx, number, flightId, LedgerEventKinds.NotSeen))
            {
                return false;
            }

            AppendEvent(c, tx, at, number, flightId, LedgerEventKinds.NotSeen, actor, new { });
            return true;
        });
    }

    /// <inheritdoc />
    public void ReplaceBlacklistZones(IReadOnlyList<(string Name, Geometry Wgs84)> zones, DateTimeOffset loadedUtc, string actor)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var rows = new List<(string Name, MultiPolygon Area)>(zones.Count);
        foreach (var (name, geometry) in zones)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(zones));
            rows.Add((name, Wgs84Outline.Normalize(geometry, nameof(zones))));
        }

        var duplicate = rows.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two black-list zones are named '{duplicate.Key}'.", nameof(zones));
        }

        ReplaceLayer(GeoPackageSchema.BlacklistZones, "name", rows, loadedUtc, actor, LedgerEventKinds.ZonesReplaced,
            new { zones = rows.Select(r => r.Name).ToArray() });
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, Geometry Wgs84)> ReadBlacklistZones() => Read(c =>
    {
        using var command = Command(c, null, $"SELECT name, geom FROM {GeoPackageSchema.BlacklistZones} ORDER BY fid");
        using var reader = command.ExecuteReader();
        var zones = new List<(string, Geometry)>();
        while (reader.Read())
        {
            zones.Add((reader.GetString(0), reader.GetFieldValue<Geometry>(1)));
        }

        return zones;
    });

    /// <inheritdoc />
    public void ReplaceTeamAreas(IReadOnlyList<(string Team, Geometry Wgs84)> areas, DateTimeOffset loadedUtc, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var rows = TeamAreaCheck.Normalize(areas, nameof(areas));
        ReplaceLayer(GeoPackageSchema.TeamAreas, "team", rows, loadedUtc, actor, LedgerEventKinds.TeamsReplaced,
            new { teams = rows.Select(r => r.Team).ToArray() });
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Team, Geometry Wgs84)> ReadTeamAreas() => Read(c =>
    {
        using var command = Command(c, null, $"SELECT team, geom FROM {GeoPackageSchema.TeamAreas} ORDER BY fid");
        using var reader = command.ExecuteReader();
        var areas = new List<(string, Geometry)>();
        while (reader.Read())
        {
            areas.Add((reader.GetString(0), reader.GetFieldValue<Geometry>(1)));
        }

        return areas;
    });

    /// <inheritdoc />
    public void BeginFlight(FlightStart flight)
    {
        ArgumentNullException.ThrowIfNull(flight);
        ArgumentException.ThrowIfNullOrWhiteSpace(flight.FlightId, nameof(flight));
        ArgumentException.ThrowIfNullOrWhiteSpace(flight.Actor, nameof(flight));
        ArgumentNullException.ThrowIfNull(flight.Inputs, nameof(flight));
        var inputs = JsonSerializer.Serialize(flight.Inputs);

        Write((c, tx) =>
        {
            Execute(c, tx, $"""
                INSERT INTO {GeoPackageSchema.Flights} (geom, flight_id, started, finished, inputs, status, tiles,
                    detections, rejections)
                VALUES (NULL, @id, @started, NULL, @inputs, 'running', 0, 0, '[]')
                ON CONFLICT (flight_id) DO UPDATE SET geom = NULL, started = excluded.started, finished = NULL,
                    inputs = excluded.inputs, status = 'running', tiles = 0, detections = 0, rejections = '[]'
                """, ("@id", flight.FlightId), ("@started", Time(flight.StartedUtc)), ("@inputs", inputs));
            AppendEvent(c, tx, flight.StartedUtc, null, flight.FlightId, LedgerEventKinds.FlightStarted, flight.Actor,
                new { inputs = flight.Inputs });
            return 0;
        });
    }

    /// <inheritdoc />
    public void CompleteFlight(FlightEnd flight)
    {
        ArgumentNullException.ThrowIfNull(flight);
        ArgumentException.ThrowIfNullOrWhiteSpace(flight.FlightId, nameof(flight));
        ArgumentException.ThrowIfNullOrWhiteSpace(flight.Actor, nameof(flight));
        ArgumentNullException.ThrowIfNull(flight.Rejections, nameof(flight));
        ArgumentOutOfRangeException.ThrowIfNegative(flight.Tiles, nameof(flight));
        ArgumentOutOfRangeException.ThrowIfNegative(flight.Detections, nameof(flight));
        var covered = flight.CoveredAreaWgs84 is { IsEmpty: false } area ? Wgs84Outline.Normalize(area, nameof(flight)) : null;
        var status = flight.Failed ? "failed" : "completed";
        var rejections = flight.Rejections.Select(r => r.ToString()).ToArray();

        Write((c, tx) =>
        {
            using (var update = Command(c, tx, $"""
                UPDATE {GeoPackageSchema.Flights} SET geom = @geom, finished = @finished, status = @status,
                    tiles = @tiles, detections = @detections, rejections = @rejections
                WHERE flight_id = @id
                """,
                ("@finished", Time(flight.FinishedUtc)), ("@status", status), ("@tiles", flight.Tiles),
                ("@detections", flight.Detections), ("@rejections", JsonSerializer.Serialize(rejections)),
                ("@id", flight.FlightId)))
            {
                update.Parameters.Add(new NpgsqlParameter("@geom", NpgsqlDbType.Geometry) { Value = (object?)covered ?? DBNull.Value });
                if (update.ExecuteNonQuery() == 0)
                {
                    throw new KeyNotFoundException($"Flight '{flight.FlightId}' was never started in {Description}.");
                }
            }

            foreach (var rejection in flight.Rejections)
            {
                AppendEvent(c, tx, flight.FinishedUtc, null, flight.FlightId, LedgerEventKinds.Rejection, flight.Actor,
                    new { source = rejection.Source, reason = rejection.Reason });
            }

            AppendEvent(c, tx, flight.FinishedUtc, null, flight.FlightId, LedgerEventKinds.FlightCompleted, flight.Actor, new
            {
                status,
                tiles = flight.Tiles,
                detections = flight.Detections,
                rejections = rejections.Length,
            });
            return 0;
        });
    }

    /// <inheritdoc />
    public FlightRow? FindFlight(string flightId)
    {
        ArgumentNullException.ThrowIfNull(flightId);
        return Read(c =>
        {
            using var command = Command(c, null, $"""
                SELECT geom, started, finished, inputs, status, tiles, detections, rejections
                FROM {GeoPackageSchema.Flights} WHERE flight_id = @id
                """, ("@id", flightId));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            return new FlightRow(
                flightId,
                ReadTime(reader, 1),
                reader.IsDBNull(2) ? null : ReadTime(reader, 2),
                JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? [],
                reader.GetString(4) switch
                {
                    "running" => FlightStatus.Running,
                    "completed" => FlightStatus.Completed,
                    "failed" => FlightStatus.Failed,
                    var other => throw new InvalidDataException($"Unknown flight status '{other}'."),
                },
                reader.GetInt32(5),
                reader.GetInt32(6),
                JsonSerializer.Deserialize<string[]>(reader.GetString(7)) ?? [],
                reader.IsDBNull(0) ? null : reader.GetFieldValue<Geometry>(0));
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<LedgerEvent> ReadEvents(string? number = null) => Read(c =>
    {
        using var command = Command(c, null, $"""
            SELECT id, at, number, flight_id, kind, actor, detail FROM {GeoPackageSchema.Events}
            WHERE @number::text IS NULL OR number = @number ORDER BY id
            """, ("@number", number));
        using var reader = command.ExecuteReader();
        var events = new List<LedgerEvent>();
        while (reader.Read())
        {
            events.Add(new LedgerEvent(
                reader.GetInt64(0),
                ReadTime(reader, 1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6)));
        }

        return events;
    });

    /// <inheritdoc />
    public void ChangeStatus(StatusChange change)
    {
        LedgerArguments.Check(change);
        Write((c, tx) =>
        {
            var from = Scalar(c, tx, $"SELECT status FROM {GeoPackageSchema.Violations} WHERE number = @n", ("@n", change.Number))
                as string ?? throw NoSuchCase(change.Number);
            LedgerArguments.CheckTransition(change.Number, from, change.Status);
            Execute(c, tx, $"UPDATE {GeoPackageSchema.Violations} SET status = @s WHERE number = @n",
                ("@s", change.Status), ("@n", change.Number));
            AppendEvent(c, tx, change.AtUtc, change.Number, null, LedgerEventKinds.StatusChanged, change.Actor,
                LedgerArguments.StatusDetail(from, change));
            return 0;
        });
    }

    /// <inheritdoc />
    public void RecordCard(CardChange card)
    {
        LedgerArguments.Check(card);
        Write((c, tx) =>
        {
            if (LedgerArguments.CaseOf(card) is { } number)
            {
                RequireCase(c, tx, number);
                Execute(c, tx, $"UPDATE {GeoPackageSchema.Violations} SET card = @c WHERE number = @n",
                    ("@c", LedgerArguments.CaseCardValue(card)), ("@n", number));
            }

            AppendEvent(c, tx, card.AtUtc, LedgerArguments.CaseOf(card), null, LedgerEventKinds.Card, card.Actor,
                LedgerArguments.CardDetail(card));
            return 0;
        });
    }

    /// <inheritdoc />
    public void AssignOffender(string number, string offender, DateTimeOffset atUtc, string actor)
    {
        LedgerArguments.CheckOffender(number, offender, actor);
        Write((c, tx) =>
        {
            RequireCase(c, tx, number);
            Execute(c, tx, $"UPDATE {GeoPackageSchema.Violations} SET offender = @o WHERE number = @n",
                ("@o", offender), ("@n", number));
            AppendEvent(c, tx, atUtc, number, null, LedgerEventKinds.OffenderSet, actor, new { offender });
            return 0;
        });
    }

    /// <inheritdoc />
    public void AttachEvidence(EvidenceAttachment evidence)
    {
        LedgerArguments.Check(evidence);
        Write((c, tx) =>
        {
            RequireCase(c, tx, evidence.Number);
            AppendEvent(c, tx, evidence.CapturedUtc, evidence.Number, null, LedgerEventKinds.EvidenceAttached,
                evidence.Actor, LedgerArguments.EvidenceDetail(evidence));
            return 0;
        });
    }

    /// <summary>Closes the store's pooled connections.</summary>
    public void Dispose() => _source.Dispose();

    /// <summary>Times are kept to the millisecond, like the GeoPackage ledger's ISO 8601 text.</summary>
    private static DateTime Time(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }

    private static DateTimeOffset ReadTime(NpgsqlDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    private static HashSet<string> ListTables(NpgsqlConnection connection, NpgsqlTransaction tx)
    {
        using var command = Command(connection, tx,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static NpgsqlCommand Command(
        NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, tx);
        foreach (var (name, value) in parameters)
        {
            // A bare null is text (every other nullable parameter comes typed, see Real): an untyped null would leave
            // PostgreSQL guessing.
            command.Parameters.Add(value switch
            {
                null => new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = DBNull.Value },
                NpgsqlParameter typed => typed,
                _ => new NpgsqlParameter(name, value),
            });
        }

        return command;
    }

    /// <summary>A double precision parameter that may be null.</summary>
    private static NpgsqlParameter Real(string name, double? value) =>
        new(name, NpgsqlDbType.Double) { Value = value is { } v ? v : DBNull.Value };

    private static int Execute(
        NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(
        NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return command.ExecuteScalar();
    }

    private static List<ViolationRecord> QueryRecords(
        NpgsqlConnection connection, string where, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, null, $"""
            SELECT {LedgerRows.RecordColumns}
            FROM {GeoPackageSchema.Violations} WHERE {where}
            """, parameters);
        using var reader = command.ExecuteReader();
        var records = new List<ViolationRecord>();
        while (reader.Read())
        {
            records.Add(LedgerRows.Record(reader, reader.GetFieldValue<Geometry>(0), i => ReadTime(reader, i)));
        }

        return records;
    }

    /// <summary>
    /// True when the flight already recorded <paramref name="kind"/> for the case, or opened it: opening a case records
    /// that flight's observation of it.
    /// </summary>
    private static bool HasFlightEvent(NpgsqlConnection c, NpgsqlTransaction tx, string number, string flightId, string kind) =>
        Scalar(c, tx, $"""
            SELECT 1 FROM {GeoPackageSchema.Events}
            WHERE number = @n AND flight_id = @f AND kind IN (@k, '{LedgerEventKinds.Created}') LIMIT 1
            """, ("@n", number), ("@f", flightId), ("@k", kind)) is not null;

    private static void AppendEvent(
        NpgsqlConnection c, NpgsqlTransaction tx, DateTimeOffset at, string? number, string? flightId, string kind,
        string actor, object detail) =>
        Execute(c, tx, $"""
            INSERT INTO {GeoPackageSchema.Events} (at, number, flight_id, kind, actor, detail)
            VALUES (@at, @number, @flight, @kind, @actor, @detail)
            """,
            ("@at", Time(at)), ("@number", number), ("@flight", flightId), ("@kind", kind), ("@actor", actor),
            ("@detail", JsonSerializer.Serialize(detail)));

    private T Read<T>(Func<NpgsqlConnection, T> query)
    {
        using var connection = _source.OpenConnection();
        return query(connection);
    }

    private T Write<T>(Func<NpgsqlConnection, NpgsqlTransaction, T> work)
    {
        using var connection = _source.OpenConnection();
        using var tx = connection.BeginTransaction(IsolationLevel.ReadCommitted);
        Execute(connection, tx, PostGisSchema.LockWriters);
        var result = work(connection, tx);
        tx.Commit();
        return result;
    }

    /// <summary>Replaces every row of a named-area table and appends the event, in one transaction.</summary>
    private void ReplaceLayer(
        string table, string nameColumn, List<(string Name, MultiPolygon Area)> rows, DateTimeOffset loadedUtc, string actor,
        string eventKind, object detail) =>
        Write((c, tx) =>
        {
            Execute(c, tx, $"DELETE FROM {table}");
            foreach (var (name, area) in rows)
            {
                Execute(c, tx, $"INSERT INTO {table} (geom, {nameColumn}, loaded_at) VALUES (@geom, @name, @loaded)",
                    ("@geom", area), ("@name", name), ("@loaded", Time(loadedUtc)));
            }

            AppendEvent(c, tx, loadedUtc, null, null, eventKind, actor, detail);
            return 0;
        });

    private void RequireCase(NpgsqlConnection c, NpgsqlTransaction tx, string number)
    {
        if (Scalar(c, tx, $"SELECT 1 FROM {GeoPackageSchema.Violations} WHERE number = @n", ("@n", number)) is null)
        {
            throw NoSuchCase(number);
        }
    }

    private KeyNotFoundException NoSuchCase(string number) => new($"No case numbered '{number}' in {Description}.");
}
