using Vigil.Ledger.Stores;


namespace Vigil.Runs;

/// <summary>
/// What <c>--ledger</c> names: a GeoPackage file, or a PostgreSQL/PostGIS database (<see cref="PostgresConnection"/>).
/// </summary>
public static class LedgerLocation
{
    /// <summary>
    /// Opens the ledger; a GeoPackage is created when missing, PostGIS tables when the schema is empty (<c>vigil run</c>,
    /// <c>vigil nightly</c>, <c>vigil ledger init</c>).
    /// </summary>
    /// <exception cref="RunFailedException">The ledger cannot be opened; exit code "bad configuration".</exception>
    public static ILedgerStore Open(string ledger) => Open(ledger, create: true);

    /// <summary>
    /// Opens a ledger that exists, for the commands that read or change cases: a mistyped <c>--ledger</c> is refused by
    /// name and no empty ledger is left behind.
    /// </summary>
    /// <exception cref="RunFailedException">No ledger there, or it cannot be opened; exit code "bad configuration".</exception>
    public static ILedgerStore OpenExisting(string ledger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ledger);
        if (!IsDatabase(ledger) && !File.Exists(ledger))
        {
            throw new RunFailedException(
                $"no ledger at {Path.GetFullPath(ledger)}: check --ledger, or create one with 'vigil ledger init --ledger "
                + $"{ledger}' (vigil run and vigil nightly create it too); nothing was written",
                ExitCodes.BadConfiguration);
        }

        return Open(ledger, create: false);
    }

    private static ILedgerStore Open(string ledger, bool create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ledger);
        try
        {
            return PostgresConnection.Resolve(ledger) is { } connection
                ? PostGisLedgerStore.Open(connection, createWhenMissing: create)
                : GeoPackageLedgerStore.Open(ledger);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException)
        {
            throw new RunFailedException(ex.Message, ExitCodes.BadConfiguration, ex);
        }
    }

    /// <summary>
    /// True when <paramref name="ledger"/> names a PostGIS database (a connection string, a connection file,
    /// <c>postgresql:</c>: <see cref="PostgresConnection"/>), not a GeoPackage.
    /// </summary>
    public static bool IsDatabase(string ledger) => PostgresConnection.IsDatabase(ledger);

    /// <summary>
    /// The folder and file stem for files written beside the ledger: the GeoPackage's folder and name, or the working
    /// folder and "ledger" for a database.
    /// </summary>
    public static (string Directory, string Stem) Beside(string ledger) =>
        IsDatabase(ledger)
            ? (Environment.CurrentDirectory, "ledger")
            : (Path.GetDirectoryName(Path.GetFullPath(ledger)) ?? ".", Path.GetFileNameWithoutExtension(ledger));
}
