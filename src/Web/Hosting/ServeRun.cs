using Vigil.Ledger.Stores;
using Vigil.Runs;

namespace Vigil.Web.Hosting;

/// <summary><c>vigil serve</c>: opens the ledger and serves the web app until stopped.</summary>
public static class ServeRun
{
    /// <summary>
    /// Serves until <paramref name="ct"/> is cancelled (Ctrl+C). Before listening, throws <see cref="RunFailedException"/>:
    /// <see cref="ExitCodes.BadConfiguration"/> for a missing ledger, <see cref="ExitCodes.Refused"/> for a missing
    /// imagery folder, an address that is refused (plain HTTP off loopback) or taken.
    /// </summary>
    /// <param name="ledger">A GeoPackage path or a PostGIS connection string; never created.</param>
    /// <param name="urls">Where to listen.</param>
    /// <param name="imagery">The flights' orthophotos; null for none.</param>
    /// <param name="evidence">Where field photos go; null: <c>LEDGER-evidence</c> beside the ledger.</param>
    /// <param name="tiles">Where the map tiles rendered from the orthophotos are cached; null: <c>LEDGER-tiles</c> beside the ledger.</param>
    /// <param name="ct">Stops the server.</param>
    public static async Task<int> RunAsync(
        string ledger, string urls, string? imagery, string? evidence, string? tiles, CancellationToken ct)
    {
        if (imagery is not null && !Directory.Exists(imagery))
        {
            throw new RunFailedException($"--imagery {imagery}: no such folder", ExitCodes.Refused);
        }

        var (directory, stem) = LedgerLocation.Beside(ledger);
        var options = new ServeOptions(ledger, urls, Path.GetFullPath(evidence ?? Path.Combine(directory, stem + "-evidence")),
            imagery is null ? null : Path.GetFullPath(imagery), Path.GetFullPath(tiles ?? Path.Combine(directory, stem + "-tiles")));
        try
        {
            using var store = (SqlLedgerStore)LedgerLocation.OpenExisting(ledger);
            await using var app = VigilServer.Build(options, store);
            await app.StartAsync(ct).ConfigureAwait(false);
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (ArgumentException ex)
        {
            throw new RunFailedException(ex.Message, ExitCodes.Refused, ex);
        }
        catch (IOException ex) when (ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            throw new RunFailedException($"--urls {urls}: {ex.Message}", ExitCodes.Refused, ex);
        }
    }
}
