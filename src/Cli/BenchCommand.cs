using System.CommandLine;
using Vigil.Bench;
using Vigil.Runs;
using Vigil.Runs.Flights;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil bench</c>: end-to-end throughput and peak memory on a generated raster, against inference alone and the
/// usual Python way.
/// </summary>
public static class BenchCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var size = new Option<int>("--size") { Description = "Width and height of the generated raster, pixels at the model's GSD", DefaultValueFactory = _ => BenchOptions.DefaultSizePixels };
        var work = new Option<string>("--work") { Description = "Folder where the raster is cached and the ledger written", DefaultValueFactory = _ => Path.Combine(Path.GetTempPath(), "vigil-bench") };
        var model = new Option<string>("--model") { Description = "ONNX model (its .card.json beside it)", DefaultValueFactory = _ => DefaultModel.Path };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var batch = new Option<int>("--batch") { Description = "Tiles per inference call", DefaultValueFactory = _ => 2 };
        var python = new Option<string>("--python") { Description = "Interpreter with python3-gdal and python3-torch for the reference", DefaultValueFactory = _ => "/usr/bin/python3" };
        var script = new Option<string?>("--python-script") { Description = "benchmarks/python_reference.py (searched for by default)" };
        var pythonTiles = new Option<int>("--python-tiles") { Description = "Tiles the Python reference runs (0: all)", DefaultValueFactory = _ => 0 };
        var noPython = new Option<bool>("--no-python") { Description = "Skip the Python reference" };
        var json = new Option<bool>("--json") { Description = "End with one line of JSON holding the figures" };
        var command = new Command("bench", "Measure throughput and peak memory on a generated raster, against inference alone and the Python way")
        {
            size, work, model, threads, batch, python, script, pythonTiles, noPython, json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var defaults = new FlightRunOptions([], "", "", null, "");
            var options = new BenchOptions(
                parse.GetValue(size), parse.GetValue(work)!, parse.GetValue(model)!, parse.GetValue(threads),
                parse.GetValue(batch), defaults.TileSizePixels, defaults.OverlapPixels,
                parse.GetValue(noPython) ? null : parse.GetValue(python), parse.GetValue(script), parse.GetValue(pythonTiles));
            var asJson = parse.GetValue(json);
            return await RunCommand.Execute(
                () => BenchRun.RunAsync(options, line => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {line}"), ct),
                result =>
                {
                    RunCommand.Print(result.Lines());
                    if (asJson)
                    {
                        Console.WriteLine(result.ToJson());
                    }
                });
        });
        return command;
    }
}
