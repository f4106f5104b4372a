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
            result => RunCommand.Print(result.Lines(OfficeText.FromLocale()))));
        return command;
    }
}
