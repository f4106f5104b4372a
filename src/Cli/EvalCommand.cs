using System.CommandLine;
using Vigil.Runs;
using Vigil.Runs.Evaluation;

namespace Vigil.Cli;

/// <summary><c>vigil eval</c>: accuracy of a model through the detection path of <c>vigil run</c>.</summary>
public static class EvalCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var images = new Option<string>("--images") { Description = "Folder of images (any raster GDAL reads)", Required = true };
        var masks = new Option<string?>("--masks") { Description = "Folder of masks paired by file stem (non-zero = building)" };
        var labels = new Option<string?>("--labels") { Description = "Building polygons for georeferenced images (GeoJSON, GeoPackage...)" };
        var model = new Option<string>("--model") { Description = "ONNX model (its .card.json beside it)", DefaultValueFactory = _ => DefaultModel.Path };
        var gsd = new Option<double?>("--gsd") { Description = "Ground sample distance (m) of images with no georeference" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var csv = new Option<string>("--csv") { Description = "Per-image CSV, worst first", DefaultValueFactory = _ => "vigil-eval.csv" };
        var footprints = new Option<string?>("--footprints")
        {
            Description = "Write predicted and true footprints with their outcome (matched, missed, merged...) as GeoJSON",
        };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object on the last line" };
        var command = new Command("eval", "Score a model against masks or labels through the detection path of 'vigil run'")
        {
            images, masks, labels, model, gsd, threads, csv, footprints, json,
        };
        command.Validators.Add(result =>
        {
            if ((result.GetValue(masks) is null) == (result.GetValue(labels) is null))
            {
                result.AddError("give exactly one of --masks and --labels");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            var options = new EvaluationOptions(parse.GetValue(images)!, parse.GetValue(masks), parse.GetValue(labels),
                parse.GetValue(model)!, parse.GetValue(gsd), parse.GetValue(threads), parse.GetValue(footprints));
            return await RunCommand.Execute(() => Evaluator.RunAsync(options, ct),
                report => Report(report, parse.GetValue(csv)!, parse.GetValue(footprints), parse.GetValue(json)));
        });
        return command;
    }

    private static void Report(EvaluationReport report, string csvPath, string? footprintsPath, bool json)
    {
        File.WriteAllText(csvPath, report.ToCsv());
        var s = report.Total;
        Console.WriteLine($"images {report.Images.Count}, tiles {report.Tiles}, {report.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"pixel IoU {s.PixelIoU:F3} (offset-tolerant {report.Tolerant.PixelIoU:F3}), precision {s.PixelPrecision:F3}, recall {s.PixelRecall:F3}");
        Console.WriteLine($"objects: truth {s.TruthObjects}, predicted {s.PredictedObjects}, matched {s.MatchedObjects}, F1@0.5 {s.ObjectF1:F3} (offset-tolerant {report.Tolerant.ObjectF1:F3})");
        Console.WriteLine($"unmatched truth: missed {s.MissedObjects}, merged {s.MergedObjects}, split {s.SplitObjects}, misshapen {s.MisshapenObjects}");
        Console.WriteLine($"per-image figures: {Path.GetFullPath(csvPath)}");
        if (footprintsPath is not null)
        {
            Console.WriteLine($"footprints and outcomes: {Path.GetFullPath(footprintsPath)}");
        }

        foreach (var rejection in report.Rejections)
        {
            Console.WriteLine($"rejected: {rejection}");
        }

        if (json)
        {
            Console.WriteLine(report.ToJson());
        }
    }
}
