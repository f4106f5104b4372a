using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using Vigil.Core;

namespace Vigil.Ledger;

/// <summary>
/// The ledger in a GeoPackage 1.2 file (EPSG:4326 layers <c>violations</c>, <c>blacklist_zones</c>, <c>team_areas</c>, <c>flights</c>,
/// attributes table <c>events</c>) that QGIS and GDAL open directly. WAL journal; every write is one
/// <c>BEGIN IMMEDIATE</c> transaction, so a second store on the file, in this or another process, waits for it
/// (up to <see cref="BusyTimeoutMilliseconds"/>) instead of reading a stale sequence number, and a process killed
/// mid-write leaves no trace of that write. Thread-safe: calls on one instance are serialized.
/// </summary>
public sealed class GeoPackageLedgerStore : ILedgerStore
{
    /// <summary>
    /// How long a write waits for another writer's transaction. Ledger transactions are one case or one flight, a few
    /// milliseconds; 30 s only runs out when a writer is stuck, which is a systemic failure.
    /// </summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    private const int SqliteNotADatabase = 26;

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private bool _disposed;

    private GeoPackageLedgerStore(string path, SqliteConnection connection)
    {
        FilePath = path;
        _connection = connection;
    }

    /// <summary>Full path of the GeoPackage file.</summary>
    public string FilePath { get; }

    /// <summary>
    /// Opens the ledger at <paramref name="path"/>, creating the file with the schema when it is missing or empty.
    /// </summary>
    /// <exception cref="InvalidDataException">The file exists but is not a Vigil ledger; the message names it.</exception>
    /// <exception cref="IOException">The file cannot be opened or created (missing folder, permissions).</exception>
    public static GeoPackageLedgerStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var existing = File.Exists(fullPath) && new FileInfo(fullPath).Length > 0;
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = existing ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate,
            // Pooled connections would keep the file open (and its WAL unmerged) after Dispose.
            Pooling = false,
            DefaultTimeout = BusyTimeoutMilliseconds / 1000,
        }.ToString();

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, null, $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds};");
            if (ListTables(connection, null).Count == 0)
            {
                Configure(connection);
                CreateSchema(connection);
            }

            CheckIsLedger(connection, fullPath);
            Configure(connection);
            AddMissingLayers(connection);
            return new GeoPackageLedgerStore(fullPath, connection);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteNotADatabase)
        {
            connection.Dispose();
            throw new InvalidDataException($"'{fullPath}' is not a Vigil ledger: it is not a SQLite/GeoPackage file.", ex);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new IOException($"Cannot open the ledger '{fullPath}': {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<ViolationRecord> ReadRecords() => Read(() => QueryRecords("1 = 1 ORDER BY fid"));

    /// <inheritdoc />
    public ViolationRecord? Find(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return Read(() => QueryRecords("number = @a", ("@a", number)).SingleOrDefault());
    }

    /// <inheritdoc />
    public ViolationRecord? FindByBaselineRef(string baselineRef, string kind)
    {
        ArgumentNullException.ThrowIfNull(baselineRef);
        ArgumentNullException.ThrowIfNull(kind);
        return Read(() => QueryRecords(
            "baseline_ref = @a AND kind = @b ORDER BY fid LIMIT 1", ("@a", baselineRef), ("@b", kind)).SingleOrDefault());
    }

    /// <inheritdoc />
    public string InsertRecord(NewViolation violation)
    {
        LedgerArguments.Check(violation);
        var (blob, extent) = GeoPackageGeometry.Write(violation.FootprintWgs84, nameof(violation));
        var year = violation.SeenUtc.UtcDateTime.Year;
        var seen = IsoTime.Write(violation.SeenUtc);

        return Write(tx =>
        {
            var sequence = Convert.ToInt64(Scalar(tx, $"""
                INSERT INTO {GeoPackageSchema.Numbering} (year, last_seq) VALUES (@year, 1)
                ON CONFLICT (year) DO UPDATE SET last_seq = last_seq + 1
                RETURNING last_seq
                """, ("@year", year)), CultureInfo.InvariantCulture);
            var number = string.Create(CultureInfo.InvariantCulture, $"VIG-{year}-{sequence:D6}");

            Execute(_connection, tx, LedgerRows.InsertViolation,
                ("@geom", blob), ("@number", number), ("@kind", violation.Kind), ("@area", violation.AreaSquareMeters),
                ("@added", violation.AddedAreaSquareMeters), ("@confidence", violation.Confidence), ("@seen", seen),
                ("@flight", violation.FlightId), ("@zone", violation.BlacklistZone), ("@baseline", violation.BaselineRef),
                ("@height", violation.HeightMeters), ("@whole", LedgerRows.WholeOutlineText(violation)));
            ExtendExtent(tx, GeoPackageSchema.Violations, extent);
            AppendEvent(tx, violation.SeenUtc, number, violation.FlightId, LedgerEventKinds.Created, violation.Actor,
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
        var seen = IsoTime.Write(seenUtc);

        return Write(tx =>
        {
            RequireCase(tx, number);
            if (HasFlightEvent(tx, number, flightId, LedgerEventKinds.Seen))
            {
                return false;
            }

            AppendEvent(tx, seenUtc, number, flightId, LedgerEventKinds.Seen, actor, LedgerArguments.SeenDetail(confidence, heightMeters));
            Execute(_connection, tx, LedgerRows.SightingUpdate, ("@seen", seen), ("@flight", flightId),
                ("@confidence", confidence), ("@height", heightMeters), ("@number", number));

            Touch(tx, GeoPackageSchema.Violations);
            return true;
        });
    }

    /// <inheritdoc />
    public bool RecordMissed(string number, string flightId, DateTimeOffset at, string actor)
    {
        LedgerArguments.CheckObservation(number, flightId, actor);

        return Write(tx =>
        {
            RequireCase(tx, number);
            if (HasFlightEvent(tx, number, flightId, LedgerEventKinds.NotSeen))
            {
                return false;
            }

            AppendEvent(tx, at, number, flightId, LedgerEventKinds.NotSeen, actor, new { });
            return true;
        });
    }

    /// <inheritdoc />
    public void ReplaceBlacklistZones(IReadOnlyList<(string Name, Geometry Wgs84)> zones, DateTimeOffset loadedUtc, string actor)
    {
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var rows = new List<(string Name, byte[] Blob)>(zones.Count);
        Envelope? extent = null;
        foreach (var (name, geometry) in zones)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(zones));
            var (blob, zoneExtent) = GeoPackageGeometry.Write(geometry, nameof(zones));
            rows.Add((name, blob));
            extent ??= new Envelope();
            extent.ExpandToInclude(zoneExtent);
        }

        var duplicate = rows.GroupBy(r => r.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two black-list zones are named '{duplicate.Key}'.", nameof(zones));
        }

        ReplaceLayer(GeoPackageSchema.BlacklistZones, "name", rows, extent, loadedUtc, actor, LedgerEventKinds.ZonesReplaced,
            new { zones = rows.Select(r => r.Name).ToArray() });
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, Geometry Wgs84)> ReadBlacklistZones() => Read(() =>
    {
        using var command = Command(_connection, null, $"SELECT name, geom FROM {GeoPackageSchema.BlacklistZones} ORDER BY fid");
        using var reader = command.ExecuteReader();
        var zones = new List<(string, Geometry)>();
        while (reader.Read())
        {
            zones.Add((reader.GetString(0), GeoPackageGeometry.Read((byte[])reader.GetValue(1))));
        }

        return zones;
    });

    /// <inheritdoc />
    public void ReplaceTeamAreas(IReadOnlyList<(string Team, Geometry Wgs84)> areas, DateTimeOffset loadedUtc, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var rows = TeamAreaCheck.Normalize(areas, nameof(areas));
        Envelope? extent = rows.Count == 0 ? null : new Envelope();
        foreach (var (_, area) in rows)
        {
            extent!.ExpandToInclude(area.EnvelopeInternal);
        }

        ReplaceLayer(GeoPackageSchema.TeamAreas, "team",
            rows.Select(r => (r.Team, GeoPackageGeometry.Write(r.Area, nameof(areas)).Blob)).ToList(), extent, loadedUtc, actor,
            LedgerEventKinds.TeamsReplaced, new { teams = rows.Select(r => r.Team).ToArray() });
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Team, Geometry Wgs84)> ReadTeamAreas() => Read(() =>
    {
        using var command = Command(_connection, null, $"SELECT team, geom FROM {GeoPackageSchema.TeamAreas} ORDER BY fid");
        using var reader = command.ExecuteReader();
        var areas = new List<(string, Geometry)>();
        while (reader.Read())
        {
            areas.Add((reader.GetString(0), GeoPackageGeometry.Read((byte[])reader.GetValue(1))));
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

        Write(tx =>
        {
            Execute(_connection, tx, $"""
                INSERT INTO {GeoPackageSchema.Flights} (geom, flight_id, started, finished, inputs, status, tiles,
                    detections, rejections)
                VALUES (NULL, @id, @started, NULL, @inputs, 'running', 0, 0, '[]')
                ON CONFLICT (flight_id) DO UPDATE SET geom = NULL, started = excluded.started, finished = NULL,
                    inputs = excluded.inputs, status = 'running', tiles = 0, detections = 0, rejections = '[]'
                """, ("@id", flight.FlightId), ("@started", IsoTime.Write(flight.StartedUtc)), ("@inputs", inputs));
            Touch(tx, GeoPackageSchema.Flights);
            AppendEvent(tx, flight.StartedUtc, null, flight.FlightId, LedgerEventKinds.FlightStarted, flight.Actor,
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
        (byte[] Blob, Envelope Extent)? covered = flight.CoveredAreaWgs84 is { IsEmpty: false } area
            ? GeoPackageGeometry.Write(area, nameof(flight))
            : null;
        var status = flight.Failed ? FlightStatus.Failed : FlightStatus.Completed;
        var rejections = flight.Rejections.Select(r => r.ToString()).ToArray();

        Write(tx =>
        {
            var changed = Execute(_connection, tx, $"""
                UPDATE {GeoPackageSchema.Flights} SET geom = @geom, finished = @finished, status = @status,
                    tiles = @tiles, detections = @detections, rejections = @rejections
                WHERE flight_id = @id
                """,
                ("@geom", covered?.Blob), ("@finished", IsoTime.Write(flight.FinishedUtc)), ("@status", StatusText(status)),
                ("@tiles", flight.Tiles), ("@detections", flight.Detections),
                ("@rejections", JsonSerializer.Serialize(rejections)), ("@id", flight.FlightId));
            if (changed == 0)
            {
                throw new KeyNotFoundException($"Flight '{flight.FlightId}' was never started in '{FilePath}'.");
            }

            if (covered is { } c)
            {
                ExtendExtent(tx, GeoPackageSchema.Flights, c.Extent);
            }
            else
            {
                Touch(tx, GeoPackageSchema.Flights);
            }

            foreach (var rejection in flight.Rejections)
            {
                AppendEvent(tx, flight.FinishedUtc, null, flight.FlightId, LedgerEventKinds.Rejection, flight.Actor,
                    new { source = rejection.Source, reason = rejection.Reason });
            }

            AppendEvent(tx, flight.FinishedUtc, null, flight.FlightId, LedgerEventKinds.FlightCompleted, flight.Actor, new
            {
                status = StatusText(status),
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
        return Read(() =>
        {
            using var command = Command(_connection, null, $"""
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
                IsoTime.Read(reader.GetString(1)),
                reader.IsDBNull(2) ? null : IsoTime.Read(reader.GetString(2)),
                JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? [],
                ParseStatus(reader.GetString(4)),
                reader.GetInt32(5),
                reader.GetInt32(6),
                JsonSerializer.Deserialize<string[]>(reader.GetString(7)) ?? [],
                reader.IsDBNull(0) ? null : GeoPackageGeometry.Read((byte[])reader.GetValue(0)));
        });
    }

    /// <inheritdoc />
    public IReadOnlyList<LedgerEvent> ReadEvents(string? number = null) => Read(() =>
    {
        using var command = Command(_connection, null, $"""
            SELECT id, at, number, flight_id, kind, actor, detail FROM {GeoPackageSchema.Events}
            WHERE @number IS NULL OR number = @number ORDER BY id
            """, ("@number", number));
        using var reader = command.ExecuteReader();
        var events = new List<LedgerEvent>();
        while (reader.Read())
        {
            events.Add(new LedgerEvent(
                reader.GetInt64(0),
                IsoTime.Read(reader.GetString(1)),
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
        Write(tx =>
        {
            var from = Scalar(tx, $"SELECT status FROM {GeoPackageSchema.Violations} WHERE number = @n", ("@n", change.Number))
                as string ?? throw NoSuchCase(change.Number);
            LedgerArguments.CheckTransition(change.Number, from, change.Status);
            Execute(_connection, tx, $"UPDATE {GeoPackageSchema.Violations} SET status = @s WHERE number = @n",
                ("@s", change.Status), ("@n", change.Number));
            Touch(tx, GeoPackageSchema.Violations);
            AppendEvent(tx, change.AtUtc, change.Number, null, LedgerEventKinds.StatusChanged, change.Actor,
                LedgerArguments.StatusDetail(from, change));
            return 0;
        });
    }

    /// <inheritdoc />
    public void RecordCard(CardChange card)
    {
        LedgerArguments.Check(card);
        Write(tx =>
        {
            if (LedgerArguments.CaseOf(card) is { } number)
            {
                RequireCase(tx, number);
                Execute(_connection, tx, $"UPDATE {GeoPackageSchema.Violations} SET card = @c WHERE number = @n",
                    ("@c", LedgerArguments.CaseCardValue(card)), ("@n", number));
                Touch(tx, GeoPackageSchema.Violations);
            }

            AppendEvent(tx, card.AtUtc, LedgerArguments.CaseOf(card), null, LedgerEventKinds.Card, card.Actor,
                LedgerArguments.CardDetail(card));
            return 0;
        });
    }

    /// <inheritdoc />
    public void AssignOffender(string number, string offender, DateTimeOffset atUtc, string actor)
    {
        LedgerArguments.CheckOffender(number, offender, actor);
        Write(tx =>
        {
            RequireCase(tx, number);
            Execute(_connection, tx, $"UPDATE {GeoPackageSchema.Violations} SET offender = @o WHERE number = @n",
                ("@o", offender), ("@n", number));
            Touch(tx, GeoPackageSchema.Violations);
            AppendEvent(tx, atUtc, number, null, LedgerEventKinds.OffenderSet, actor, new { offender });
            return 0;
        });
    }

    /// <inheritdoc />
    public void AttachEvidence(EvidenceAttachment evidence)
    {
        LedgerArguments.Check(evidence);
        Write(tx =>
        {
            RequireCase(tx, evidence.Number);
            AppendEvent(tx, evidence.CapturedUtc, evidence.Number, null, LedgerEventKinds.EvidenceAttached, evidence.Actor,
                LedgerArguments.EvidenceDetail(evidence));
            return 0;
        });
    }

    /// <summary>Closes the file; the WAL is merged into it when this was the last connection.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _connection.Dispose();
            }
        }
    }

    private static void Configure(SqliteConnection connection) =>
        Execute(connection, null, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");

    private static void CreateSchema(SqliteConnection connection)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        // Another process may have created it between our look and our lock.
        if (ListTables(connection, tx).Count == 0)
        {
            Execute(connection, tx, GeoPackageSchema.Create);
        }

        tx.Commit();
    }

    /// <summary>
    /// Adds the layers and columns later versions introduced to a ledger written before them, in one transaction; the
    /// data already there is kept as it is.
    /// </summary>
    private static void AddMissingLayers(SqliteConnection connection)
    {
        if (IsCurrent(connection, null))
        {
            return;
        }

        using var tx = connection.BeginTransaction(deferred: false);
        // Another process may have added them between our look and our lock.
        if (!ListTables(connection, tx).Contains(GeoPackageSchema.TeamAreas))
        {
            Execute(connection, tx, GeoPackageSchema.AddTeamAreas);
        }

        if (!HasColumn(connection, tx, GeoPackageSchema.HeightColumn))
        {
            Execute(connection, tx, GeoPackageSchema.AddHeight);
        }

        if (!HasColumn(connection, tx, GeoPackageSchema.WholeOutlineColumn))
        {
            Execute(connection, tx, GeoPackageSchema.AddWholeOutline);
        }

        tx.Commit();
    }

    private static bool IsCurrent(SqliteConnection connection, SqliteTransaction? tx) =>
        ListTables(connection, tx).Contains(GeoPackageSchema.TeamAreas) &&
        HasColumn(connection, tx, GeoPackageSchema.HeightColumn) && HasColumn(connection, tx, GeoPackageSchema.WholeOutlineColumn);

    private static bool HasColumn(SqliteConnection connection, SqliteTransaction? tx, string column) =>
        Convert.ToInt64(Scalar(connection, tx, $"SELECT count(*) FROM pragma_table_info('{GeoPackageSchema.Violations}') WHERE name = @c",
            ("@c", column)), CultureInfo.InvariantCulture) > 0;

    private static void CheckIsLedger(SqliteConnection connection, string path)
    {
        var applicationId = Convert.ToInt64(Scalar(connection, null, "PRAGMA application_id"), CultureInfo.InvariantCulture);
        if (applicationId != GeoPackageSchema.ApplicationId)
        {
            throw new InvalidDataException(
                $"'{path}' is not a Vigil ledger: it is not a GeoPackage (application_id {applicationId}).");
        }

        var tables = ListTables(connection, null);
        var missing = new List<string>();
        if (tables.Contains("gpkg_contents"))
        {
            using var command = Command(connection, null, "SELECT table_name FROM gpkg_contents");
            using var reader = command.ExecuteReader();
            var registered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (reader.Read())
            {
                registered.Add(reader.GetString(0));
            }

            missing.AddRange(GeoPackageSchema.Layers.Where(l => !registered.Contains(l) || !tables.Contains(l)));
        }
        else
        {
            missing.Add("gpkg_contents");
        }

        if (!tables.Contains(GeoPackageSchema.Numbering))
        {
            missing.Add(GeoPackageSchema.Numbering);
        }

        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"'{path}' is a GeoPackage but not a Vigil ledger: it lacks {string.Join(", ", missing)}.");
        }
    }

    private static HashSet<string> ListTables(SqliteConnection connection, SqliteTransaction? tx)
    {
        using var command = Command(connection, tx, "SELECT name FROM sqlite_master WHERE type = 'table'");
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static SqliteCommand Command(
        SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static int Execute(
        SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(
        SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return command.ExecuteScalar();
    }

    private static string StatusText(FlightStatus status) => status switch
    {
        FlightStatus.Running => "running",
        FlightStatus.Completed => "completed",
        FlightStatus.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static FlightStatus ParseStatus(string text) => text switch
    {
        "running" => FlightStatus.Running,
        "completed" => FlightStatus.Completed,
        "failed" => FlightStatus.Failed,
        _ => throw new InvalidDataException($"Unknown flight status '{text}'."),
    };

    private object? Scalar(SqliteTransaction tx, string sql, params (string Name, object? Value)[] parameters) =>
        Scalar(_connection, tx, sql, parameters);

    private T Read<T>(Func<T> query)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return query();
        }
    }

    private T Write<T>(Func<SqliteTransaction, T> work)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // BEGIN IMMEDIATE: take the write lock before reading the sequence, so that two writers queue up.
            using var tx = _connection.BeginTransaction(deferred: false);
            var result = work(tx);
            tx.Commit();
            return result;
        }
    }

    private List<ViolationRecord> QueryRecords(string where, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(_connection, null, $"""
            SELECT {LedgerRows.RecordColumns}
            FROM {GeoPackageSchema.Violations} WHERE {where}
            """, parameters);
        using var reader = command.ExecuteReader();
        var records = new List<ViolationRecord>();
        while (reader.Read())
        {
            records.Add(LedgerRows.Record(reader, GeoPackageGeometry.Read((byte[])reader.GetValue(0)), i => IsoTime.Read(reader.GetString(i))));
        }

        return records;
    }

    private void RequireCase(SqliteTransaction tx, string number)
    {
        if (Scalar(tx, $"SELECT 1 FROM {GeoPackageSchema.Violations} WHERE number = @n", ("@n", number)) is null)
        {
            throw NoSuchCase(number);
        }
    }

    private KeyNotFoundException NoSuchCase(string number) => new($"No case numbered '{number}' in '{FilePath}'.");

    /// <summary>
    /// True when the flight already recorded <paramref name="kind"/> for the case, or opened it: opening a case records
    /// that flight's observation of it.
    /// </summary>
    private bool HasFlightEvent(SqliteTransaction tx, string number, string flightId, string kind) =>
        Scalar(tx, $"""
            SELECT 1 FROM {GeoPackageSchema.Events}
            WHERE number = @n AND flight_id = @f AND kind IN (@k, '{LedgerEventKinds.Created}') LIMIT 1
            """, ("@n", number), ("@f", flightId), ("@k", kind)) is not null;

    private void AppendEvent(
        SqliteTransaction tx, DateTimeOffset at, string? number, string? flightId, string kind, string actor, object detail) =>
        Execute(_connection, tx, $"""
            INSERT INTO {GeoPackageSchema.Events} (at, number, flight_id, kind, actor, detail)
            VALUES (@at, @number, @flight, @kind, @actor, @detail)
            """,
            ("@at", IsoTime.Write(at)), ("@number", number), ("@flight", flightId), ("@kind", kind), ("@actor", actor),
            ("@detail", JsonSerializer.Serialize(detail)));

    private void ExtendExtent(SqliteTransaction tx, string table, Envelope extent) =>
        Execute(_connection, tx, """
            UPDATE gpkg_contents SET
                min_x = CASE WHEN min_x IS NULL OR @x0 < min_x THEN @x0 ELSE min_x END,
                min_y = CASE WHEN min_y IS NULL OR @y0 < min_y THEN @y0 ELSE min_y END,
                max_x = CASE WHEN max_x IS NULL OR @x1 > max_x THEN @x1 ELSE max_x END,
                max_y = CASE WHEN max_y IS NULL OR @y1 > max_y THEN @y1 ELSE max_y END,
                last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE table_name = @table
            """,
            ("@x0", extent.MinX), ("@y0", extent.MinY), ("@x1", extent.MaxX), ("@y1", extent.MaxY), ("@table", table));

    /// <summary>Replaces every feature of a named-area layer, sets its extent and appends the event, in one transaction.</summary>
    private void ReplaceLayer(
        string table, string nameColumn, List<(string Name, byte[] Blob)> rows, Envelope? extent, DateTimeOffset loadedUtc,
        string actor, string eventKind, object detail)
    {
        var loaded = IsoTime.Write(loadedUtc);
        Write(tx =>
        {
            Execute(_connection, tx, $"DELETE FROM {table}");
            foreach (var (name, blob) in rows)
            {
                Execute(_connection, tx,
                    $"INSERT INTO {table} (geom, {nameColumn}, loaded_at) VALUES (@geom, @name, @loaded)",
                    ("@geom", blob), ("@name", name), ("@loaded", loaded));
            }

            SetExtent(tx, table, extent);
            AppendEvent(tx, loadedUtc, null, null, eventKind, actor, detail);
            return 0;
        });
    }

    /// <summary>Sets a layer's extent after its features were replaced; null for an emptied layer.</summary>
    private void SetExtent(SqliteTransaction tx, string table, Envelope? extent) =>
        Execute(_connection, tx, """
            UPDATE gpkg_contents SET min_x = @x0, min_y = @y0, max_x = @x1, max_y = @y1,
                last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE table_name = @table
            """,
            ("@x0", extent?.MinX), ("@y0", extent?.MinY), ("@x1", extent?.MaxX), ("@y1", extent?.MaxY), ("@table", table));

    private void Touch(SqliteTransaction tx, string table) =>
        Execute(_connection, tx,
            "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = @table",
            ("@table", table));
}
