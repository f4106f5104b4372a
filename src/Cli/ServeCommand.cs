using System.CommandLine;
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

    /// <summary>Serves until stopped (Ctrl+C); a missing ledger or imagery folder exits 2 or 4 before listening (<see cref="ServeRun"/>).</summary>
    public static async Task<int> Run(string ledger, string urls, string? imagery, string? evidence, string? tiles, CancellationToken ct)
    {
        try
        {
            return await ServeRun.RunAsync(ledger, urls, imagery, evidence, tiles, ct);
        }
        catch (RunFailedException ex)
        {
            return LedgerCommand.Report(ex);
        }
    }
}
