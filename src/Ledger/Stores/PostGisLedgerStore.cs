namespace Vigil.Ledger.Stores;

/// <summary>
/// The ledger in PostgreSQL with PostGIS, for offices that share one register between several machines: the same
/// tables, columns and behaviour as <see cref="GeoPackageLedgerStore"/> (the ledger tests run against both), created in
/// the first schema of the connection's search path. Every write is one transaction that first takes the ledger's
/// advisory lock, so concurrent writers (threads or processes) queue up and numbers are never duplicated or skipped.
/// Thread-safe: each call takes a pooled connection.
/// </summary>
public sealed class PostGisLedgerStore : SqlLedgerStore
{
    private PostGisLedgerStore(PostGisDialect dialect)
        : base(dialect) => Description = dialect.Where;

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
    /// <param name="createWhenMissing">False: a schema without the ledger's tables is refused, nothing is created.</param>
    /// <exception cref="InvalidDataException">
    /// The schema holds some ledger tables but not all, none and <paramref name="createWhenMissing"/> is false, or
    /// PostGIS is missing.
    /// </exception>
    /// <exception cref="IOException">The server cannot be reached or refuses the login.</exception>
    public static PostGisLedgerStore Open(string connectionString, bool createWhenMissing = true) =>
        new(PostGisDialect.Open(connectionString, createWhenMissing));
}
