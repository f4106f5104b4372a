using System.Data;
using System.Data.Common;
using System.Net.Sockets;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace Vigil.Ledger.Stores;

/// <summary>
/// The ledger in PostgreSQL with PostGIS: a pooled connection per call; every write a transaction that first takes the
/// ledger's advisory lock; geometries as <c>geometry(MultiPolygon, 4326)</c>; times as <c>timestamptz</c>.
/// </summary>
internal sealed class PostGisDialect : LedgerDialect
{
    private readonly NpgsqlDataSource _source;

    private PostGisDialect(NpgsqlDataSource source, string description)
    {
        _source = source;
        Where = description;
    }

    /// <inheritdoc />
    public override string Where { get; }

    /// <summary>Connects and creates the tables when none exist (unless told not to); see <see cref="PostGisLedgerStore.Open"/>.</summary>
    public static PostGisDialect Open(string connectionString, bool createWhenMissing = true)
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
            Sql.Execute(connection, tx, PostGisSchema.LockWriters);
            PostGisSchema.Prepare(connection, tx, description, createWhenMissing);
            tx.Commit();
            return new PostGisDialect(source, description);
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
    public override T Read<T>(Func<DbConnection, T> query)
    {
        using var connection = _source.OpenConnection();
        return query(connection);
    }

    /// <inheritdoc />
    public override T Write<T>(Func<DbConnection, DbTransaction, T> work)
    {
        using var connection = _source.OpenConnection();
        using var tx = connection.BeginTransaction(IsolationLevel.ReadCommitted);
        Sql.Execute(connection, tx, PostGisSchema.LockWriters);
        var result = work(connection, tx);
        tx.Commit();
        return result;
    }

    /// <inheritdoc />
    public override object? Geometry(MultiPolygon? wgs84) =>
        new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Geometry, Value = (object?)wgs84 ?? DBNull.Value };

    /// <inheritdoc />
    public override Geometry ReadGeometry(DbDataReader reader, int ordinal) => reader.GetFieldValue<Geometry>(ordinal);

    /// <summary>Times are kept to the millisecond, like the GeoPackage ledger's ISO 8601 text.</summary>
    public override object Time(DateTimeOffset time) =>
        new DateTime(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);

    /// <inheritdoc />
    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    /// <summary>Closes the pooled connections.</summary>
    public override void Dispose() => _source.Dispose();
}
