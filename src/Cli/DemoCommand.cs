using System.CommandLine;
using Vigil.Demo;
using Vigil.Ledger.Language;
using Vigil.Runs;

namespace Vigil.Cli;

/// <summary><c>vigil demo</c>: a self-made two-epoch scene through the whole pipeline.</summary>
public static class DemoCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder for the scene and the ledger", DefaultValueFactory = _ => "vigil-demo" };
        var model = new Option<string>("--model") { Description = "ONNX model (its .card.json beside it)", DefaultValueFactory = _ => DefaultModel.Path };
        var command = new Command("demo", "Generate a two-epoch scene, build its baseline from the first epoch, run the second") { output, model };
        command.SetAction(async (parse, ct) => await RunCommand.Execute(
            () => ConsoleReport.WithProgressAsync("demo", p => DemoRun.RunAsync(parse.GetValue(output)!, parse.GetValue(model)!, p, ct)),
            Report));
        return command;
    }

    private static void Report(DemoResult result)
    {
        ConsoleReport.Summary(result.Run, OfficeText.FromLocale());
        Console.WriteLine();
        Console.WriteLine($"the scene added {result.AddedStructures} structures; {result.AddedFound} came back as new records; " +
                          $"the extension {(result.ExpansionFound ? "came back as an expanded record" : "was not flagged")}");
        foreach (var record in result.OpenedRecords)
        {
            var centre = record.FootprintWgs84.Centroid;
            Console.WriteLine($"  {record.Number}  {record.Kind,-20} {record.AreaSquareMeters,7:F1} m²  " +
                              $"conf {record.Confidence:F2}  {centre.Y:F6}, {centre.X:F6}  {record.BlacklistZone}");
        }

        Console.WriteLine("files:");
        foreach (var file in result.Files)
        {
            Console.WriteLine($"  {Path.GetFullPath(file)}");
        }
    }
}
