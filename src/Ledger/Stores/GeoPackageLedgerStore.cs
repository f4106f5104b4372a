namespace Vigil.Ledger.Stores;

/// <summary>
/// The ledger in a GeoPackage 1.2 file (EPSG:4326 layers <c>violations</c>, <c>blacklist_zones</c>, <c>team_areas</c>, <c>flights</c>,
/// attributes table <c>events</c>) that QGIS and GDAL open directly. WAL journal; every write is one
/// <c>BEGIN IMMEDIATE</c> transaction, so a second store on the file, in this or another process, waits for it
/// (up to <see cref="BusyTimeoutMilliseconds"/>) instead of reading a stale sequence number, and a process killed
/// mid-write leaves no trace of that write. Thread-safe: calls on one instance are serialized.
/// </summary>
public sealed class GeoPackageLedgerStore : SqlLedgerStore
{
    /// <summary>
    /// How long a write waits for another writer's transaction. Ledger transactions are one case or one flight, a few
    /// milliseconds; 30 s only runs out when a writer is stuck, which is a systemic failure.
    /// </summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    private readonly GeoPackageDialect _dialect;

    private GeoPackageLedgerStore(GeoPackageDialect dialect)
        : base(dialect) => _dialect = dialect;

    /// <summary>
    /// Raised on the writing thread when a write of this store finds another connection's write transaction on the file
    /// (another process, QGIS) and starts waiting for it (up to the busy timeout; then <see cref="LedgerBusyException"/>).
    /// </summary>
    public event EventHandler? Busy
    {
        add => _dialect.Busy += value;
        remove => _dialect.Busy -= value;
    }

    /// <summary>Full path of the GeoPackage file.</summary>
    public string FilePath => _dialect.FilePath;

    /// <summary>
    /// Opens the ledger at <paramref name="path"/>, creating the file with the schema when it is missing or empty.
    /// </summary>
    /// <exception cref="InvalidDataException">The file exists but is not a Vigil ledger; the message names it.</exception>
    /// <exception cref="IOException">The file cannot be opened or created (missing folder, permissions).</exception>
    public static GeoPackageLedgerStore Open(string path) => new(GeoPackageDialect.Open(path, BusyTimeoutMilliseconds));

    /// <summary>
    /// Opens the ledger as <see cref="Open(string)"/> does, with writes waiting at most <paramref name="busyTimeout"/>
    /// (at least a second) for another writer before <see cref="LedgerBusyException"/>.
    /// </summary>
    public static GeoPackageLedgerStore Open(string path, TimeSpan busyTimeout) =>
        new(GeoPackageDialect.Open(path, (int)Math.Clamp(busyTimeout.TotalMilliseconds, 1000, int.MaxValue)));
}
