using System.CommandLine;
using Vigil.Runs;
using Vigil.Runs.Nightly;

namespace Vigil.Cli;

/// <summary><c>vigil nightly</c>: the scheduled job over an inbox of flight folders (<see cref="NightlyJob"/>).</summary>
public static class NightlyCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var inbox = new Option<string>("--inbox") { Description = "Folder of flight folders (name = flight id; GeoTIFFs, drone JPEGs, or videos with their tracks inside)", Required = true };
        var config = new Option<string>("--config") { Description = "YAML/JSON: ledger, baseline, blacklist, rules, model, reports, settle_minutes, done_marker, altitude_agl", Required = true };
        var actor = new Option<string>("--actor") { Description = "Who the ledger events are attributed to", DefaultValueFactory = _ => "vigil-nightly" };
        var command = new Command("nightly", "Process the flights that arrived since the last run; exit 5 when a person is needed") { inbox, config, actor };
        command.SetAction(async (parse, ct) =>
        {
            var code = ExitCodes.Success;
            var result = await RunCommand.Execute(
                () => NightlyJob.RunAsync(parse.GetValue(inbox)!, NightlyConfig.Load(parse.GetValue(config)!),
                    Actors.WithHost(parse.GetValue(actor)!), TimeProvider.System, ct),
                report => code = NightlyJob.Summary(report, Console.Out));
            return result == ExitCodes.Success ? code : result;
        });
        return command;
    }
}
