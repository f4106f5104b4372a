using System.CommandLine;
using Vigil.Runs.Flights;

namespace Vigil.Cli;

/// <summary><c>vigil baseline</c>: a flight's detected footprints as the baseline of the next flight over the area.</summary>
public static class BaselineCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var inputs = new Option<string[]>("--input", "-i") { Description = "Orthophoto, drone JPEG or folder of drone JPEGs of the flight; repeat for several", Required = true };
        var output = new Option<string>("--out") { Description = "Baseline file to write (.gpkg, or .geojson): layer 'buildings', kind registered, flight id and capture date", Required = true };
        var model = new Option<string>("--model") { Description = "ONNX model (its .card.json beside it)", DefaultValueFactory = _ => Runs.DefaultModel.Path };
        var flight = new Option<string?>("--flight-id") { Description = "Flight identifier written on every building (default: derived from the inputs)" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var batch = new Option<int>("--batch") { Description = "Tiles per inference call", DefaultValueFactory = _ => 2 };
        var altitude = new Option<double?>("--altitude-agl") { Description = "Drone photos: camera height above ground (m)" };
        var capturedOn = CapturedOnOption.Create();
        var command = new Command("baseline", "Write the footprints a flight detects as a baseline (registered buildings) for 'vigil run --baseline'")
        {
            inputs, output, model, flight, threads, batch, altitude, capturedOn,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new FlightRunOptions(parse.GetValue(inputs)!, "", "", null, parse.GetValue(model)!,
                parse.GetValue(flight), parse.GetValue(threads), parse.GetValue(batch),
                AltitudeAglMeters: parse.GetValue(altitude))
            {
                CapturedOn = parse.GetValue(capturedOn),
            };
            return await RunCommand.Execute(() => ConsoleReport.WithProgressAsync("detecting",
                progress => BaselineBuilder.RunAsync(options, parse.GetValue(output)!, progress, ct)),
                result => RunCommand.Print(FlightSummary.Lines(result)));
        });
        return command;
    }
}
