using System.Data.Common;
using NetTopologySuite.Geometries;

namespace Vigil.Ledger.Stores;

/// <summary>
/// What differs between the engines a <see cref="SqlLedgerStore"/> runs on: connections and locking, how geometries and
/// times are stored, and the extents a GeoPackage keeps of its layers. Everything else is the same SQL.
/// </summary>
internal abstract class LedgerDialect : IDisposable
{
    /// <summary>The ledger in messages, without credentials: "'/data/ledger.gpkg'", "PostgreSQL host:5432/db".</summary>
    public abstract string Where { get; }

    /// <summary>Runs a query on a connection of the ledger.</summary>
    public abstract T Read<T>(Func<DbConnection, T> query);

    /// <summary>
    /// Runs a write in one transaction that holds the ledger's write lock from its start, so that concurrent writers
    /// (threads or processes) queue up and never read a stale sequence number; commits it when it returns.
    /// </summary>
    public abstract T Write<T>(Func<DbConnection, DbTransaction, T> work);

    /// <summary>Runs a write that returns nothing, as <see cref="Write{T}"/> does.</summary>
    public void Write(Action<DbConnection, DbTransaction> work) => Write((c, tx) =>
    {
        work(c, tx);
        return 0;
    });

    /// <summary>A geometry parameter value: an outline (EPSG:4326 multipolygon) or null.</summary>
    public abstract object? Geometry(MultiPolygon? wgs84);

    public abstract Geometry ReadGeometry(DbDataReader reader, int ordinal);

    /// <summary>A time parameter value, to the millisecond.</summary>
    public abstract object Time(DateTimeOffset time);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>
    /// Records that a layer's features changed (a GeoPackage's last_change), growing its recorded extent to hold
    /// <paramref name="grown"/> when given; nothing by default.
    /// </summary>
    public virtual void Touch(DbConnection connection, DbTransaction tx, string table, Envelope? grown = null)
    {
    }

    /// <summary>Sets a layer's recorded extent after its features were replaced (null: emptied); nothing by default.</summary>
    public virtual void SetExtent(DbConnection connection, DbTransaction tx, string table, Envelope? extent)
    {
    }

    public abstract void Dispose();
}
