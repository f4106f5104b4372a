using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Vigil.Runs;
using Vigil.Runs.Adapt;

namespace Vigil.Cli;

/// <summary><c>vigil adapt</c>: fine-tune the model on the office's own imagery, with its register as labels.</summary>
public static class AdaptCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var inputs = new Option<string[]>("--input")
        {
            Description = "An earlier flight's orthophoto (any raster GDAL reads); repeat for several",
            Required = true,
            Arity = ArgumentArity.OneOrMore,
        };
        var baseline = new Option<string>("--baseline") { Description = "The register of buildings, used as labels (any vector format GDAL reads)", Required = true };
        var output = new Option<string>("--out") { Description = "The adapted model to write (its .card.json beside it)", Required = true };
        var model = new Option<string>("--model") { Description = "The model to start from", DefaultValueFactory = _ => DefaultModel.Path };
        var minutes = new Option<double>("--minutes") { Description = "Wall-clock budget of the whole adaptation", DefaultValueFactory = _ => 60 };
        var threads = new Option<int>("--threads") { Description = "Training threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var steps = new Option<int?>("--steps") { Description = "A fixed step count instead of the time budget (same inputs, seed and steps: same model)" };
        var seed = new Option<int>("--seed") { Description = "Seed of the training crops", DefaultValueFactory = _ => 0 };
        var command = new Command("adapt", "Fine-tune the model on your own imagery with your register as labels; written only if it beats the base model on a held-out block")
        {
            inputs, baseline, output, model, minutes, threads, steps, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new AdaptOptions(parse.GetValue(inputs)!, parse.GetValue(baseline)!, parse.GetValue(output)!,
                parse.GetValue(model)!, parse.GetValue(minutes), parse.GetValue(threads), parse.GetValue(steps), parse.GetValue(seed));
            return await RunCommand.Execute(() => WithProgressAsync(options, ct), result => RunCommand.Print(result.Lines()));
        });
        return command;
    }

    private static async Task<AdaptResult> WithProgressAsync(AdaptOptions options, CancellationToken ct)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            return await AdaptRunner.RunAsync(options,
                (fraction, left, what) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{DateTime.UtcNow:HH:mm:ss} adapt {fraction:P0}{(left is { } l ? $", {l:hh\\:mm\\:ss} left" : "")}: {what}")),
                Console.WriteLine, ct).ConfigureAwait(false);
        }

        AdaptResult result = null!;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("adapt", maxValue: 1);
                result = await AdaptRunner.RunAsync(options, (fraction, _, what) =>
                {
                    task.Value = fraction;
                    task.Description = Markup.Escape($"adapt: {what}");
                }, null, ct).ConfigureAwait(false);
                task.Value = 1;
            }).ConfigureAwait(false);
        return result;
    }
}
