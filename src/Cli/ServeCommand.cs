using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Web.Hosting;

namespace Vigil.Cli;

/// <summary><c>vigil serve --ledger LEDGER [--imagery DIR] [--evidence DIR] [--tile-cache DIR] --urls URL</c>: the office's web app (<see cref="VigilServer"/>).</summary>
public static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var ledger = new Option<string>("--ledger") { Description = "Ledger GeoPackage or PostGIS connection string", Required = true };
        var urls = new Option<string>("--urls") { Description = "Where to listen", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var imagery = new Option<string?>("--imagery") { Description = "Folder of the flights' orthophotos" };
        var evidence = new Option<string?>("--evidence")
        {
            Description = "Folder for field photos (default: beside the ledger, LEDGER-evidence)",
        };
        var tiles = new Option<string?>("--tile-cache")
        {
            Description = "Folder for the map tiles rendered from the orthophotos (default: beside the ledger, LEDGER-tiles)",
        };
        var command = new Command("serve", "The office's web app: map, review, dispatch, field work and dashboard, with accounts")
        {
            ledger, urls, imagery, evidence, tiles,
        };
        command.SetAction((parse, ct) => Run(parse.GetValue(ledger)!, parse.GetValue(urls)!, parse.GetValue(imagery),
            parse.GetValue(evidence), parse.GetValue(tiles), ct));
        return command;
    }

    /// <summary>Serves until stopped (Ctrl+C); a missing ledger or imagery folder exits 2 before listening.</summary>
    public static async Task<int> Run(string ledger, string urls, string? imagery, string? evidence, string? tiles, CancellationToken ct)
    {
        if (imagery is not null && !Directory.Exists(imagery))
        {
            return LedgerCommand.Refuse($"--imagery {imagery}: no such folder");
        }

        var (directory, stem) = LedgerLocation.Beside(ledger);
        var options = new ServeOptions(ledger, urls, Path.GetFullPath(evidence ?? Path.Combine(directory, stem + "-evidence")),
            imagery is null ? null : Path.GetFullPath(imagery), Path.GetFullPath(tiles ?? Path.Combine(directory, stem + "-tiles")));
        try
        {
            using var store = (SqlLedgerStore)LedgerLocation.OpenExisting(ledger);
            await using var app = VigilServer.Build(options, store);
            await app.StartAsync(ct);
            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Success;
        }
        catch (RunFailedException ex)
        {
            await Console.Error.WriteLineAsync($"vigil: {UserText.Clean(ex.Message)}");
            return ex.ExitCode;
        }
        catch (ArgumentException ex)
        {
            return LedgerCommand.Refuse(ex.Message);
        }
        catch (IOException ex) when (ex.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            return LedgerCommand.Refuse($"--urls {urls}: {ex.Message}");
        }
    }
}
