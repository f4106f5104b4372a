using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Vigil.Ledger.Stores;

/// <summary>
/// The ledger in a GeoPackage file: one connection, calls serialized on it; every write a <c>BEGIN IMMEDIATE</c>
/// transaction; geometries as GeoPackage blobs; times as ISO 8601 text; layer extents kept in gpkg_contents.
/// </summary>
internal sealed class GeoPackageDialect : LedgerDialect
{
    private const int SqliteNotADatabase = 26;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private readonly SqliteConnection _connection;
    private readonly int _busyTimeoutMilliseconds;
    private readonly Lock _gate = new();
    private bool _disposed;

    private GeoPackageDialect(string path, SqliteConnection connection, int busyTimeoutMilliseconds)
    {
        FilePath = path;
        _connection = connection;
        _busyTimeoutMilliseconds = busyTimeoutMilliseconds;
    }

    /// <summary>
    /// Raised on the writing thread when a write finds another connection's write transaction on the file (another
    /// process, QGIS) and starts waiting for it, before the wait.
    /// </summary>
    public event EventHandler? Busy;

    /// <summary>Full path of the GeoPackage file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public override string Where => $"'{FilePath}'";

    /// <summary>Opens the file, creating it with the schema when missing or empty; see <see cref="GeoPackageLedgerStore.Open(string)"/>.</summary>
    public static GeoPackageDialect Open(string path, int busyTimeoutMilliseconds)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var existing = File.Exists(fullPath) && new FileInfo(fullPath).Length > 0;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = existing ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate,
            // Pooled connections would keep the file open (and its WAL unmerged) after Dispose.
            Pooling = false,
            // Microsoft.Data.Sqlite retries a busy statement until this many seconds; 0 would retry for ever.
            DefaultTimeout = Math.Max(1, busyTimeoutMilliseconds / 1000),
        }.ToString());
        try
        {
            connection.Open();
            Sql.Execute(connection, null, $"PRAGMA busy_timeout = {busyTimeoutMilliseconds};");
            if (Tables(connection, null).Count == 0)
            {
                Configure(connection);
                CreateSchema(connection);
            }

            CheckIsLedger(connection, fullPath);
            Configure(connection);
            AddMissingLayers(connection);
            return new GeoPackageDialect(fullPath, connection, busyTimeoutMilliseconds);
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
    public override T Read<T>(Func<DbConnection, T> query)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return query(_connection);
        }
    }

    /// <inheritdoc />
    public override T Write<T>(Func<DbConnection, DbTransaction, T> work)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (Busy is not null && !TryTakeWriteLockAtOnce())
            {
                Busy.Invoke(this, EventArgs.Empty);
            }

            try
            {
                // BEGIN IMMEDIATE: take the write lock before reading the sequence, so that two writers queue up.
                using var tx = _connection.BeginTransaction(deferred: false);
                var result = work(_connection, tx);
                tx.Commit();
                return result;
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteBusy or SqliteLocked)
            {
                throw new LedgerBusyException(FilePath, TimeSpan.FromMilliseconds(_busyTimeoutMilliseconds), ex);
            }
        }
    }

    /// <summary>
    /// Whether the write lock is free now: BEGIN IMMEDIATE without waiting, rolled back at once (the transaction proper
    /// is Microsoft.Data.Sqlite's, which must see the connection in autocommit).
    /// </summary>
    private bool TryTakeWriteLockAtOnce()
    {
        var handle = _connection.Handle!;
        SQLitePCL.raw.sqlite3_busy_timeout(handle, 0);
        try
        {
            if (SQLitePCL.raw.sqlite3_exec(handle, "BEGIN IMMEDIATE") != SQLitePCL.raw.SQLITE_OK)
            {
                return false;
            }

            SQLitePCL.raw.sqlite3_exec(handle, "ROLLBACK");
            return true;
        }
        finally
        {
            SQLitePCL.raw.sqlite3_busy_timeout(handle, _busyTimeoutMilliseconds);
        }
    }

    /// <inheritdoc />
    public override object? Geometry(MultiPolygon? wgs84) =>
        wgs84 is null ? null : new GeoPackageGeoWriter { HandleOrdinates = Ordinates.XY }.Write(wgs84);

    /// <inheritdoc />
    public override Geometry ReadGeometry(DbDataReader reader, int ordinal) =>
        new GeoPackageGeoReader { HandleSRID = true }.Read((byte[])reader.GetValue(ordinal));

    /// <inheritdoc />
    public override object Time(DateTimeOffset time) => IsoTime.Write(time);

    /// <inheritdoc />
    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => IsoTime.Read(reader.GetString(ordinal));

    /// <inheritdoc />
    public override void Touch(DbConnection connection, DbTransaction tx, string table) =>
        Sql.Execute(connection, tx,
            "UPDATE gpkg_contents SET last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE table_name = @table",
            ("@table", table));

    /// <inheritdoc />
    public override void GrowExtent(DbConnection connection, DbTransaction tx, string table, Envelope extent) =>
        Sql.Execute(connection, tx, """
            UPDATE gpkg_contents SET
                min_x = CASE WHEN min_x IS NULL OR @x0 < min_x THEN @x0 ELSE min_x END,
                min_y = CASE WHEN min_y IS NULL OR @y0 < min_y THEN @y0 ELSE min_y END,
                max_x = CASE WHEN max_x IS NULL OR @x1 > max_x THEN @x1 ELSE max_x END,
                max_y = CASE WHEN max_y IS NULL OR @y1 > max_y THEN @y1 ELSE max_y END,
                last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE table_name = @table
            """,
            ("@x0", extent.MinX), ("@y0", extent.MinY), ("@x1", extent.MaxX), ("@y1", extent.MaxY), ("@table", table));

    /// <inheritdoc />
    public override void SetExtent(DbConnection connection, DbTransaction tx, string table, Envelope? extent) =>
        Sql.Execute(connection, tx, """
            UPDATE gpkg_contents SET min_x = @x0, min_y = @y0, max_x = @x1, max_y = @y1,
                last_change = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
            WHERE table_name = @table
            """,
            ("@x0", new Sql.Real(extent?.MinX)), ("@y0", new Sql.Real(extent?.MinY)), ("@x1", new Sql.Real(extent?.MaxX)),
            ("@y1", new Sql.Real(extent?.MaxY)), ("@table", table));

    /// <summary>Closes the file; the WAL is merged into it when this was the last connection.</summary>
    public override void Dispose()
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
        Sql.Execute(connection, null, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");

    private static void CreateSchema(SqliteConnection connection)
    {
        using var tx = connection.BeginTransaction(deferred: false);
        // Another process may have created it between our look and our lock.
        if (Tables(connection, tx).Count == 0)
        {
            Sql.Execute(connection, tx, GeoPackageSchema.Create);
            WriteLayerStyles(connection, tx);
        }

        tx.Commit();
    }

    /// <summary>
    /// Adds the layers and columns later versions introduced to a ledger written before them, in one transaction; the
    /// data already there is kept as it is.
    /// </summary>
    private static void AddMissingLayers(SqliteConnection connection)
    {
        var tables = Tables(connection, null);
        if (tables.Contains(LedgerSchema.TeamAreas) && tables.Contains(LedgerSchema.Users)
            && HasColumn(connection, null, LedgerSchema.HeightColumn) && HasColumn(connection, null, LedgerSchema.WholeOutlineColumn)
            && HasColumn(connection, null, LedgerSchema.ZoneCardColumn, LedgerSchema.BlacklistZones)
            && tables.Contains(LedgerSchema.LayerStyles)
            && HasColumn(connection, null, LedgerSchema.CapturedColumn, LedgerSchema.Flights))
        {
            return;
        }

        using var tx = connection.BeginTransaction(deferred: false);
        // Another process may have added them between our look and our lock.
        if (!Tables(connection, tx).Contains(LedgerSchema.TeamAreas))
        {
            Sql.Execute(connection, tx, GeoPackageSchema.AddTeamAreas);
        }

        if (!HasColumn(connection, tx, LedgerSchema.HeightColumn))
        {
            Sql.Execute(connection, tx, GeoPackageSchema.AddHeight);
        }

        if (!HasColumn(connection, tx, LedgerSchema.WholeOutlineColumn))
        {
            Sql.Execute(connection, tx, GeoPackageSchema.AddWholeOutline);
        }

        if (!HasColumn(connection, tx, LedgerSchema.ZoneCardColumn, LedgerSchema.BlacklistZones))
        {
            Sql.Execute(connection, tx, GeoPackageSchema.AddZoneCard);
        }

        if (!Tables(connection, tx).Contains(LedgerSchema.LayerStyles))
        {
            WriteLayerStyles(connection, tx);
        }

        if (!HasColumn(connection, tx, LedgerSchema.CapturedColumn, LedgerSchema.Flights))
        {
            Sql.Execute(connection, tx, GeoPackageSchema.AddCaptured);
        }

        if (!Tables(connection, tx).Contains(LedgerSchema.Users))
        {
            Sql.Execute(connection, tx, OfficeSchema.GeoPackage);
        }

        tx.Commit();
    }

    private static bool HasColumn(
        SqliteConnection connection, SqliteTransaction? tx, string column, string table = LedgerSchema.Violations) =>
        Convert.ToInt64(Sql.Scalar(connection, tx,
            $"SELECT count(*) FROM pragma_table_info('{table}') WHERE name = @c",
            ("@c", column)), CultureInfo.InvariantCulture) > 0;

    /// <summary>Creates QGIS's layer_styles table with the ledger's default style per layer.</summary>
    private static void WriteLayerStyles(SqliteConnection connection, SqliteTransaction tx)
    {
        Sql.Execute(connection, tx, GeoPackageSchema.CreateLayerStyles);
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
        if (applicationId != GeoPackageSchema.ApplicationId)
        {
            throw new InvalidDataException(
                $"'{path}' is not a Vigil ledger: it is not a GeoPackage (application_id {applicationId}).");
        }

        var tables = Tables(connection, null);
        var missing = new List<string>();
        if (tables.Contains("gpkg_contents"))
        {
            var registered = Sql.Names(connection, null, "SELECT table_name FROM gpkg_contents");
            missing.AddRange(GeoPackageSchema.Layers.Where(l => !registered.Contains(l) || !tables.Contains(l)));
        }
        else
        {
            missing.Add("gpkg_contents");
        }

        if (!tables.Contains(LedgerSchema.Numbering))
        {
            missing.Add(LedgerSchema.Numbering);
        }

        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"'{path}' is a GeoPackage but not a Vigil ledger: it lacks {string.Join(", ", missing)}.");
        }
    }

    private static HashSet<string> Tables(SqliteConnection connection, SqliteTransaction? tx) =>
        Sql.Names(connection, tx, "SELECT name FROM sqlite_master WHERE type = 'table'");
}
