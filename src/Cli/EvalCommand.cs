using System.CommandLine;
using System.CommandLine.Parsing;
using Vigil.Runs;
using Vigil.Runs.Evaluation;
using Vigil.Runs.Flights;

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

            Areas(result);
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
                    RunCommand.Print(report.Lines().Concat(FlightSummary.Rejected(report.Rejections)));
                    if (printJson)
                    {
                        Console.WriteLine(report.ToJson());
                    }
                });
            }

            var csvPath = parse.GetValue(csv)!;
            return await RunCommand.Execute(() => AreaEvaluator.RunAsync(Areas(parse.CommandResult)!, ct), report =>
            {
                File.WriteAllText(csvPath, report.ToCsv());
                RunCommand.Print(report.Lines(csvPath, parse.GetValue(footprints), parse.GetValue(perArea)));
                if (parse.GetValue(json))
                {
                    Console.WriteLine(report.ToJson(parse.GetValue(perArea)));
                }
            });
        });
        IReadOnlyList<EvaluationOptions>? Areas(SymbolResult result)
        {
            var shared = new EvaluationOptions("", null, null, result.GetValue(model)!, result.GetValue(gsd),
                result.GetValue(threads), result.GetValue(footprints));
            var areas = AreaEvaluator.Areas(result.GetValue(images) ?? [], result.GetValue(masks) ?? [],
                result.GetValue(labels) ?? [], shared, out var error);
            if (error is not null)
            {
                result.AddError(error);
            }

            return areas;
        }

        return command;
    }
}
