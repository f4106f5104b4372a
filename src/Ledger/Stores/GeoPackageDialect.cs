using System.Data.Common;
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
    private const string Now = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

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
            GeoPackageSchema.Prepare(connection, fullPath);
            return new GeoPackageDialect(fullPath, connection, busyTimeoutMilliseconds);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw ex.SqliteErrorCode == SqliteNotADatabase
                ? new InvalidDataException($"'{fullPath}' is not a Vigil ledger: it is not a SQLite/GeoPackage file.", ex)
                : new IOException($"Cannot open the ledger '{fullPath}': {ex.Message}", ex);
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
    public override void Touch(DbConnection connection, DbTransaction tx, string table, Envelope? grown = null) =>
        // SQLite's min() and max() of several values are null when one is: coalesce keeps the other.
        Sql.Execute(connection, tx, $"""
            UPDATE gpkg_contents SET last_change = {Now},
                min_x = coalesce(min(min_x, @x0), min_x, @x0), min_y = coalesce(min(min_y, @y0), min_y, @y0),
                max_x = coalesce(max(max_x, @x1), max_x, @x1), max_y = coalesce(max(max_y, @y1), max_y, @y1)
            WHERE table_name = @table
            """, [.. Corners(grown), ("@table", table)]);

    /// <inheritdoc />
    public override void SetExtent(DbConnection connection, DbTransaction tx, string table, Envelope? extent) =>
        Sql.Execute(connection, tx, $"""
            UPDATE gpkg_contents SET last_change = {Now}, min_x = @x0, min_y = @y0, max_x = @x1, max_y = @y1
            WHERE table_name = @table
            """, [.. Corners(extent), ("@table", table)]);

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

    private static (string Name, object? Value)[] Corners(Envelope? extent) =>
    [
        ("@x0", new Sql.Real(extent?.MinX)), ("@y0", new Sql.Real(extent?.MinY)),
        ("@x1", new Sql.Real(extent?.MaxX)), ("@y1", new Sql.Real(extent?.MaxY)),
    ];
}
