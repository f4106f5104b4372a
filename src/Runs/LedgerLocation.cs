using Vigil.Ledger.Stores;


namespace Vigil.Runs;

/// <summary>
/// What <c>--ledger</c> names: a GeoPackage file, or a PostgreSQL/PostGIS connection string ("Host=...;Database=...").
/// </summary>
public static class LedgerLocation
{
    /// <summary>Opens the ledger; a GeoPackage is created when missing, PostGIS tables when the schema is empty.</summary>
    /// <exception cref="RunFailedException">The ledger cannot be opened; exit code "bad configuration".</exception>
    public static ILedgerStore Open(string ledger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ledger);
        try
        {
            return PostGisLedgerStore.IsConnectionString(ledger)
                ? PostGisLedgerStore.Open(ledger)
                : GeoPackageLedgerStore.Open(ledger);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or ArgumentException)
        {
            throw new RunFailedException(ex.Message, ExitCodes.BadConfiguration, ex);
        }
    }

    /// <summary>True when <paramref name="ledger"/> is a PostGIS connection string, not a file.</summary>
    public static bool IsDatabase(string ledger) => PostGisLedgerStore.IsConnectionString(ledger);

    /// <summary>
    /// The folder and file stem for files written beside the ledger: the GeoPackage's folder and name, or the working
    /// folder and "ledger" for a database.
    /// </summary>
    public static (string Directory, string Stem) Beside(string ledger) =>
        PostGisLedgerStore.IsConnectionString(ledger)
            ? (Environment.CurrentDirectory, "ledger")
            : (Path.GetDirectoryName(Path.GetFullPath(ledger)) ?? ".", Path.GetFileNameWithoutExtension(ledger));
}
