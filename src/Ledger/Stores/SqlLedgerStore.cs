using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ledger.Cards;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Evidence;
using Vigil.Ledger.Flights;

namespace Vigil.Ledger.Stores;

/// <summary>
/// The ledger's operations in SQL over any ADO.NET connection, the same statements for every engine; what differs
/// (connections and locking, geometry and time encoding, layer extents) is its engine's <see cref="LedgerDialect"/>.
/// Every write is one transaction holding the ledger's write lock, so concurrent writers queue up, numbers are never
/// duplicated or skipped, and a process killed mid-write leaves no trace of that write. Thread-safe.
/// </summary>
public abstract partial class SqlLedgerStore : ILedgerStore
{
    private readonly LedgerDialect _dialect;

    private protected SqlLedgerStore(LedgerDialect dialect) => _dialect = dialect;

    /// <inheritdoc />
    public IReadOnlyList<ViolationRecord> ReadRecords() => _dialect.Read(c => QueryRecords(c, "1 = 1 ORDER BY fid"));

    /// <inheritdoc />
    public ViolationRecord? Find(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return _dialect.Read(c => QueryRecords(c, "number = @a", ("@a", number)).SingleOrDefault());
    }

    /// <inheritdoc />
    public ViolationRecord? FindByBaselineRef(string baselineRef, string kind)
    {
        ArgumentNullException.ThrowIfNull(baselineRef);
        ArgumentNullException.ThrowIfNull(kind);
        return _dialect.Read(c => QueryRecords(
            c, "baseline_ref = @a AND kind = @b ORDER BY fid LIMIT 1", ("@a", baselineRef), ("@b", kind)).SingleOrDefault());
    }

    /// <inheritdoc />
    public string InsertRecord(NewViolation violation)
    {
        LedgerArguments.Check(violation);
        var outline = Wgs84Outline.Normalize(violation.FootprintWgs84, nameof(violation));
        var opened = violation.OpenedUtc ?? violation.SeenUtc;
        var year = opened.UtcDateTime.Year;

        return _dialect.Write((c, tx) =>
        {
            var sequence = Convert.ToInt64(Sql.Scalar(c, tx, $"""
                INSERT INTO {LedgerSchema.Numbering} AS n (year, last_seq) VALUES (@year, 1)
                ON CONFLICT (year) DO UPDATE SET last_seq = n.last_seq + 1
                RETURNING last_seq
                """, ("@year", year)), CultureInfo.InvariantCulture);
            var number = CaseNumbers.Format(year, sequence);

            Sql.Execute(c, tx, LedgerRows.InsertViolation,
                ("@geom", _dialect.Geometry(outline)), ("@number", number), ("@kind", violation.Kind),
                ("@area", violation.AreaSquareMeters), ("@added", violation.AddedAreaSquareMeters),
                ("@confidence", violation.Confidence), ("@seen", _dialect.Time(violation.SeenUtc)),
                ("@flight", violation.FlightId), ("@zone", violation.BlacklistZone), ("@baseline", violation.BaselineRef),
                ("@height", new Sql.Real(violation.HeightMeters)), ("@whole", LedgerRows.WholeOutlineText(violation)));
            _dialect.Touch(c, tx, LedgerSchema.Violations, outline.EnvelopeInternal);
            AppendEvent(c, tx, opened, number, violation.FlightId, LedgerEventKinds.Created, violation.Actor,
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

        return _dialect.Write((c, tx) =>
        {
            RequireCase(c, tx, number);
            if (HasFlightEvent(c, tx, number, flightId, LedgerEventKinds.Seen))
            {
                return false;
            }

            AppendEvent(c, tx, seenUtc, number, flightId, LedgerEventKinds.Seen, actor, LedgerArguments.SeenDetail(confidence, heightMeters));
            Sql.Execute(c, tx, LedgerRows.SightingUpdate, ("@seen", _dialect.Time(seenUtc)), ("@flight", flightId),
                ("@confidence", confidence), ("@height", new Sql.Real(heightMeters)), ("@number", number));
            _dialect.Touch(c, tx, LedgerSchema.Violations);
            return true;
        });
    }

    /// <inheritdoc />
    public bool RecordMissed(string number, string flightId, DateTimeOffset at, string actor)
    {
        LedgerArguments.CheckObservation(number, flightId, actor);

        return _dialect.Write((c, tx) =>
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
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var rows = Wgs84Outline.NormalizeNamed(zones, nameof(zones), "black-list zones");
        ReplaceLayer(LedgerSchema.BlacklistZones, "name", rows, loadedUtc, actor, LedgerEventKinds.ZonesReplaced,
            new { zones = rows.Select(r => r.Name).ToArray() });
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Name, Geometry Wgs84)> ReadBlacklistZones() => ReadLayer(LedgerSchema.BlacklistZones, "name");

    /// <inheritdoc />
    public void ReplaceTeamAreas(IReadOnlyList<(string Team, Geometry Wgs84)> areas, DateTimeOffset loadedUtc, string actor)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var rows = TeamAreaCheck.Normalize(areas, nameof(areas));
        ReplaceLayer(LedgerSchema.TeamAreas, "team", rows, loadedUtc, actor, LedgerEventKinds.TeamsReplaced,
            new { teams = rows.Select(r => r.Name).ToArray() });
    }

    /// <inheritdoc />
    public IReadOnlyList<(string Team, Geometry Wgs84)> ReadTeamAreas() => ReadLayer(LedgerSchema.TeamAreas, "team");

    /// <inheritdoc />
    public void BeginFlight(FlightStart flight)
    {
        LedgerArguments.Check(flight);
        var inputs = JsonSerializer.Serialize(flight.Inputs, ReadableJson.Options);

        _dialect.Write((c, tx) =>
        {
            Sql.Execute(c, tx, $"""
                INSERT INTO {LedgerSchema.Flights} (geom, flight_id, started, finished, inputs, status, tiles,
                    detections, rejections, captured, captured_from)
                VALUES (NULL, @id, @started, NULL, @inputs, 'running', 0, 0, '[]', @captured, @from)
                ON CONFLICT (flight_id) DO UPDATE SET geom = NULL, started = excluded.started, finished = NULL,
                    inputs = excluded.inputs, status = 'running', tiles = 0, detections = 0, rejections = '[]',
                    captured = excluded.captured, captured_from = excluded.captured_from
                """, ("@id", flight.FlightId), ("@started", _dialect.Time(flight.StartedUtc)), ("@inputs", inputs),
                ("@captured", new Sql.When(flight.CapturedUtc is { } captured ? _dialect.Time(captured) : null)),
                ("@from", flight.CaptureSource));
            _dialect.Touch(c, tx, LedgerSchema.Flights);
            AppendEvent(c, tx, flight.StartedUtc, null, flight.FlightId, LedgerEventKinds.FlightStarted, flight.Actor,
                flight.CapturedUtc is { } at
                    ? new { inputs = flight.Inputs, captured = at.UtcDateTime, captured_from = flight.CaptureSource }
                    : new { inputs = flight.Inputs });
        });
    }

    /// <inheritdoc />
    public void CompleteFlight(FlightEnd flight)
    {
        LedgerArguments.Check(flight);
        var covered = flight.CoveredAreaWgs84 is { IsEmpty: false } area ? Wgs84Outline.Normalize(area, nameof(flight)) : null;
        var status = flight.Failed ? "failed" : "completed";
        var rejections = flight.Rejections.Select(r => r.ToString()).ToArray();

        _dialect.Write((c, tx) =>
        {
            var changed = Sql.Execute(c, tx, $"""
                UPDATE {LedgerSchema.Flights} SET geom = @geom, finished = @finished, status = @status,
                    tiles = @tiles, detections = @detections, rejections = @rejections
                WHERE flight_id = @id
                """,
                ("@geom", _dialect.Geometry(covered)), ("@finished", _dialect.Time(flight.FinishedUtc)), ("@status", status),
                ("@tiles", flight.Tiles), ("@detections", flight.Detections),
                ("@rejections", JsonSerializer.Serialize(rejections, ReadableJson.Options)), ("@id", flight.FlightId));
            if (changed == 0)
            {
                throw new KeyNotFoundException($"Flight '{flight.FlightId}' was never started in {_dialect.Where}.");
            }

            _dialect.Touch(c, tx, LedgerSchema.Flights, covered?.EnvelopeInternal);

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
        });
    }

    /// <inheritdoc />
    public FlightRow? FindFlight(string flightId)
    {
        ArgumentNullException.ThrowIfNull(flightId);
        return _dialect.Read(c => QueryFlights(c, "flight_id = @id", ("@id", flightId))).SingleOrDefault();
    }

    /// <summary>Every flight of the ledger, in the order they were first recorded.</summary>
    public IReadOnlyList<FlightRow> ReadFlights() => _dialect.Read(c => QueryFlights(c, "1 = 1 ORDER BY fid"));

    private List<FlightRow> QueryFlights(DbConnection c, string where, params (string Name, object? Value)[] parameters) =>
        Sql.Rows(c, null, $"""
            SELECT geom, started, finished, inputs, status, tiles, detections, rejections, captured, captured_from, flight_id
            FROM {LedgerSchema.Flights} WHERE {where}
            """, reader => new FlightRow(
                reader.GetString(10),
                _dialect.ReadTime(reader, 1),
                reader.IsDBNull(2) ? null : _dialect.ReadTime(reader, 2),
                JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? [],
                ParseStatus(reader.GetString(4)),
                reader.GetInt32(5),
                reader.GetInt32(6),
                JsonSerializer.Deserialize<string[]>(reader.GetString(7)) ?? [],
                reader.IsDBNull(0) ? null : _dialect.ReadGeometry(reader, 0),
                reader.IsDBNull(8) ? null : _dialect.ReadTime(reader, 8),
                reader.IsDBNull(9) ? null : reader.GetString(9)),
            parameters);

    /// <inheritdoc />
    public IReadOnlyList<LedgerEvent> ReadEvents(string? number = null) => _dialect.Read(c => Sql.Rows(c, null, $"""
        SELECT id, at, number, flight_id, kind, actor, detail FROM {LedgerSchema.Events}
        WHERE CAST(@number AS TEXT) IS NULL OR number = @number ORDER BY id
        """, reader => new LedgerEvent(
            reader.GetInt64(0),
            _dialect.ReadTime(reader, 1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetString(4),
            reader.GetString(5),
            reader.GetString(6)), ("@number", number)));

    /// <inheritdoc />
    public void ChangeStatus(StatusChange change)
    {
        LedgerArguments.Check(change);
        _dialect.Write((c, tx) =>
        {
            var from = StatusOf(c, tx, change.Number);
            LedgerArguments.CheckTransition(change.Number, from, change.Status);
            // The event goes first: the status trigger tells a change the event log explains from one made behind it.
            AppendEvent(c, tx, change.AtUtc, change.Number, null, LedgerEventKinds.StatusChanged, change.Actor,
                LedgerArguments.StatusDetail(from, change));
            UpdateCase(c, tx, change.Number, "status", change.Status);
        });
    }

    /// <inheritdoc />
    public void RecordCard(CardChange card)
    {
        LedgerArguments.Check(card);
        _dialect.Write((c, tx) =>
        {
            if (LedgerArguments.CaseOf(card) is { } number)
            {
                RequireCase(c, tx, number);
                UpdateCase(c, tx, number, "card", LedgerArguments.CaseCardValue(card));
            }
            else if (card.SubjectKind == CardSubjects.Zone)
            {
                Sql.Execute(c, tx, $"UPDATE {LedgerSchema.BlacklistZones} SET {LedgerSchema.ZoneCardColumn} = @v WHERE name = @n",
                    ("@v", LedgerArguments.CaseCardValue(card)), ("@n", card.Subject));
                _dialect.Touch(c, tx, LedgerSchema.BlacklistZones);
            }

            AppendEvent(c, tx, card.AtUtc, LedgerArguments.CaseOf(card), null, LedgerEventKinds.Card, card.Actor,
                LedgerArguments.CardDetail(card));
        });
    }

    /// <inheritdoc />
    public void AssignOffender(string number, string offender, DateTimeOffset atUtc, string actor)
    {
        LedgerArguments.CheckOffender(number, offender, actor);
        _dialect.Write((c, tx) =>
        {
            RequireCase(c, tx, number);
            UpdateCase(c, tx, number, "offender", offender);
            AppendEvent(c, tx, atUtc, number, null, LedgerEventKinds.OffenderSet, actor, new { offender });
        });
    }

    /// <inheritdoc />
    public void AttachEvidence(EvidenceAttachment evidence)
    {
        LedgerArguments.Check(evidence);
        _dialect.Write((c, tx) =>
        {
            RequireCase(c, tx, evidence.Number);
            AppendEvent(c, tx, evidence.CapturedUtc, evidence.Number, null, LedgerEventKinds.EvidenceAttached,
                evidence.Actor, LedgerArguments.EvidenceDetail(evidence));
        });
    }

    /// <summary>Closes the ledger's connections.</summary>
    public void Dispose()
    {
        _dialect.Dispose();
        GC.SuppressFinalize(this);
    }

    private static FlightStatus ParseStatus(string text) => text switch
    {
        "running" => FlightStatus.Running,
        "completed" => FlightStatus.Completed,
        "failed" => FlightStatus.Failed,
        _ => throw new InvalidDataException($"Unknown flight status '{text}'."),
    };

    /// <summary>
    /// True when the flight already recorded <paramref name="kind"/> for the case, or opened it: opening a case records
    /// that flight's observation of it.
    /// </summary>
    private static bool HasFlightEvent(DbConnection c, DbTransaction tx, string number, string flightId, string kind) =>
        Sql.Scalar(c, tx, $"""
            SELECT 1 FROM {LedgerSchema.Events}
            WHERE number = @n AND flight_id = @f AND kind IN (@k, '{LedgerEventKinds.Created}') LIMIT 1
            """, ("@n", number), ("@f", flightId), ("@k", kind)) is not null;

    private List<ViolationRecord> QueryRecords(DbConnection c, string where, params (string Name, object? Value)[] parameters) =>
        Sql.Rows(c, null, $"SELECT {LedgerRows.RecordColumns} FROM {LedgerSchema.Violations} WHERE {where}",
            reader => LedgerRows.Record(reader, _dialect.ReadGeometry(reader, 0), i => _dialect.ReadTime(reader, i)), parameters);

    private List<(string Name, Geometry Wgs84)> ReadLayer(string table, string nameColumn) => _dialect.Read(c =>
        Sql.Rows(c, null, $"SELECT {nameColumn}, geom FROM {table} ORDER BY fid",
            reader => (reader.GetString(0), _dialect.ReadGeometry(reader, 1))));

    /// <summary>Replaces every feature of a named-area layer, sets its extent and appends the event, in one transaction.</summary>
    private void ReplaceLayer(
        string table, string nameColumn, List<(string Name, MultiPolygon Area)> rows, DateTimeOffset loadedUtc, string actor,
        string eventKind, object detail) =>
        _dialect.Write((c, tx) =>
        {
            // A zone loaded again keeps its card: the card is the register's, the outline the map's.
            var cards = table != LedgerSchema.BlacklistZones ? [] : Sql.Rows(c, tx,
                $"SELECT name, {LedgerSchema.ZoneCardColumn} FROM {table} WHERE {LedgerSchema.ZoneCardColumn} IS NOT NULL",
                reader => KeyValuePair.Create(reader.GetString(0), reader.GetString(1))).ToDictionary(StringComparer.Ordinal);
            Sql.Execute(c, tx, $"DELETE FROM {table}");
            Envelope? extent = null;
            foreach (var (name, area) in rows)
            {
                Sql.Execute(c, tx, $"INSERT INTO {table} (geom, {nameColumn}, loaded_at) VALUES (@geom, @name, @loaded)",
                    ("@geom", _dialect.Geometry(area)), ("@name", name), ("@loaded", _dialect.Time(loadedUtc)));
                if (cards.GetValueOrDefault(name) is { } card)
                {
                    Sql.Execute(c, tx, $"UPDATE {table} SET {LedgerSchema.ZoneCardColumn} = @v WHERE name = @n", ("@v", card), ("@n", name));
                }

                extent ??= new Envelope();
                extent.ExpandToInclude(area.EnvelopeInternal);
            }

            _dialect.SetExtent(c, tx, table, extent);
            AppendEvent(c, tx, loadedUtc, null, null, eventKind, actor, detail);
        });

    private void UpdateCase(DbConnection c, DbTransaction tx, string number, string column, string? value)
    {
        Sql.Execute(c, tx, $"UPDATE {LedgerSchema.Violations} SET {column} = @v WHERE number = @n", ("@v", value), ("@n", number));
        _dialect.Touch(c, tx, LedgerSchema.Violations);
    }

    private void RequireCase(DbConnection c, DbTransaction tx, string number) => _ = StatusOf(c, tx, number);

    /// <summary>The case's status; <see cref="KeyNotFoundException"/> when no case has the number.</summary>
    private string StatusOf(DbConnection c, DbTransaction tx, string number) =>
        Sql.Scalar(c, tx, $"SELECT status FROM {LedgerSchema.Violations} WHERE number = @n", ("@n", number)) as string
        ?? throw new KeyNotFoundException($"No case numbered '{number}' in {_dialect.Where}.");

    private void AppendEvent(
        DbConnection c, DbTransaction tx, DateTimeOffset at, string? number, string? flightId, string kind, string actor,
        object detail) =>
        Sql.Execute(c, tx, $"""
            INSERT INTO {LedgerSchema.Events} (at, number, flight_id, kind, actor, detail)
            VALUES (@at, @number, @flight, @kind, @actor, @detail)
            """,
            ("@at", _dialect.Time(at)), ("@number", number), ("@flight", flightId), ("@kind", kind), ("@actor", actor),
            ("@detail", JsonSerializer.Serialize(detail, ReadableJson.Options)));
}
