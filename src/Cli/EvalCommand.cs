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
        var images = new Option<string[]>("--images")
        {
            Description = "Folder of images (any raster GDAL reads); repeat for several areas, each with its --masks or --labels",
            Arity = ArgumentArity.OneOrMore,
        };
        var masks = new Option<string[]>("--masks") { Description = "Folder of masks paired by file stem (non-zero = building); one, or one per --images" };
        var labels = new Option<string[]>("--labels") { Description = "Building polygons for georeferenced images (GeoJSON, GeoPackage...); one, or one per --images" };
        var perArea = new Option<bool>("--per-area") { Description = "Print each area's figures as well as the totals (several --images)" };
        var model = new Option<string>("--model") { Description = "ONNX model (its .card.json beside it)", DefaultValueFactory = _ => DefaultModel.Path };
        var gsd = new Option<double?>("--gsd") { Description = "Ground sample distance (m) of images with no georeference" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var csv = new Option<string>("--csv") { Description = "Per-image CSV, worst first", DefaultValueFactory = _ => "vigil-eval.csv" };
        var footprints = new Option<string?>("--footprints")
        {
            Description = "Write predicted and true footprints with their outcome (matched, missed, merged...) as GeoJSON",
        };
        var json = new Option<bool>("--json") { Description = "Print the figures as one JSON object on the last line" };
        var change = new Option<bool>("--change") { Description = "Score flight-to-flight change: each --before image as a baseline ('vigil baseline'), its --after image run against it ('vigil run'), on --change-labels" };
        var before = new Option<string?>("--before") { Description = "With --change: folder of first-epoch images" };
        var after = new Option<string?>("--after") { Description = "With --change: folder of second-epoch images, paired by file stem" };
        var changeLabels = new Option<string?>("--change-labels") { Description = "With --change: folder of change masks (non-zero = changed), paired by file stem" };
        var command = new Command("eval", "Score a model against masks or labels through the detection path of 'vigil run', or change between two epochs (--change)")
        {
            images, masks, labels, model, gsd, threads, csv, footprints, json, perArea, change, before, after, changeLabels,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(change))
            {
                if (result.GetValue(before) is null || result.GetValue(after) is null || result.GetValue(changeLabels) is null)
                {
                    result.AddError("--change needs --before, --after and --change-labels folders");
                }

                return;
            }

            if (result.GetValue(images) is not { Length: > 0 })
            {
                result.AddError("give --images (or --change with --before, --after and --change-labels)");
                return;
            }

            var (areas, maskCount, labelCount) = (result.GetValue(images)?.Length ?? 0, result.GetValue(masks)?.Length ?? 0,
                result.GetValue(labels)?.Length ?? 0);
            if ((maskCount == 0) == (labelCount == 0))
            {
                result.AddError("give exactly one of --masks and --labels");
            }
            else if (Math.Max(maskCount, labelCount) is var truth && truth != 1 && truth != areas)
            {
                result.AddError($"{areas} --images folders and {truth} --masks/--labels: give one for all, or one per --images");
            }
        });
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(change))
            {
                var changeOptions = new ChangeEvaluationOptions(parse.GetValue(before)!, parse.GetValue(after)!,
                    parse.GetValue(changeLabels)!, parse.GetValue(model)!, parse.GetValue(gsd), parse.GetValue(threads));
                var printJson = parse.GetValue(json);
                return await RunCommand.Execute(() => ChangeEvaluator.RunAsync(changeOptions, ct), report =>
                {
                    foreach (var line in report.Lines())
                    {
                        Console.WriteLine(line);
                    }

                    foreach (var rejection in report.Rejections)
                    {
                        Console.WriteLine($"rejected: {rejection}");
                    }

                    if (printJson)
                    {
                        Console.WriteLine(report.ToJson());
                    }
                });
            }

            var folders = parse.GetValue(images)!;
            string? Pick(string[]? given, int i) => given is not { Length: > 0 } ? null : given[given.Length == 1 ? 0 : i];
            var areas = folders.Select((folder, i) => new EvaluationOptions(folder, Pick(parse.GetValue(masks), i),
                Pick(parse.GetValue(labels), i), parse.GetValue(model)!, parse.GetValue(gsd), parse.GetValue(threads),
                parse.GetValue(footprints))).ToList();
            return await RunCommand.Execute(() => AreaEvaluator.RunAsync(areas, ct),
                report => Report(report, parse.GetValue(csv)!, parse.GetValue(footprints), parse.GetValue(json), parse.GetValue(perArea)));
        });
        return command;
    }

    private static void Report(EvaluationReport report, string csvPath, string? footprintsPath, bool json, bool perArea)
    {
        File.WriteAllText(csvPath, report.ToCsv());
        Console.WriteLine($"images {report.Images.Count}, tiles {report.Tiles}, {report.Elapsed.TotalSeconds:F1} s");
        if (perArea && report.Areas is not null)
        {
            foreach (var area in report.Areas)
            {
                Console.WriteLine($"[{area.Name}]");
                Figures(area.Report);
            }

            Console.WriteLine("[all areas]");
        }

        Figures(report);
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
            Console.WriteLine(report.ToJson(perArea));
        }
    }

    private static void Figures(EvaluationReport report)
    {
        var s = report.Total;
        Console.WriteLine($"pixel IoU {s.PixelIoU:F3} (offset-tolerant {report.Tolerant.PixelIoU:F3}), precision {s.PixelPrecision:F3}, recall {s.PixelRecall:F3}");
        Console.WriteLine($"objects: truth {s.TruthObjects}, predicted {s.PredictedObjects}, matched {s.MatchedObjects}, F1@0.5 {s.ObjectF1:F3} (offset-tolerant {report.Tolerant.ObjectF1:F3})");
        Console.WriteLine($"unmatched truth: missed {s.MissedObjects}, merged {s.MergedObjects}, split {s.SplitObjects}, misshapen {s.MisshapenObjects}");
    }
}
