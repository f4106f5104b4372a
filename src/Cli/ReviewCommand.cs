using System.CommandLine;
using Vigil.Runs.Office;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil ledger review</c>: the review gate (<see cref="ReviewActions"/>).
/// </summary>
public static class ReviewCommand
{
    /// <summary>Builds the subcommand; <paramref name="ledger"/> is the ledger command's recursive option.</summary>
    public static Command Create(Option<string> ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var confirm = new Option<string[]>("--confirm") { Description = "Case numbers to confirm (they reach the work lists)", AllowMultipleArgumentsPerToken = true };
        var reject = new Option<string[]>("--reject") { Description = "Case numbers to reject (not raised again at that place unless the structure grows)", AllowMultipleArgumentsPerToken = true };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in each case's history); required with --confirm or --reject" };
        var actor = new Option<string>("--actor") { Description = "Who reviews", DefaultValueFactory = _ => Environment.UserName };
        var output = new Option<string?>("--out") { Description = "Folder for the evidence pictures (default: <ledger>-review beside the ledger)" };
        var command = new Command("review", "List the unreviewed (detected) cases with their evidence pictures, or confirm or reject several at once")
        {
            confirm, reject, reason, actor, output,
        };
        command.SetAction(parse => LedgerCommand.WithStore(parse.GetValue(ledger)!, store =>
        {
            var confirmed = parse.GetValue(confirm) ?? [];
            var rejected = parse.GetValue(reject) ?? [];
            if (confirmed.Length == 0 && rejected.Length == 0)
            {
                var folder = parse.GetValue(output) ?? ReviewActions.DefaultFolder(parse.GetValue(ledger)!);
                return ReviewActions.List(store, Console.Out, folder);
            }

            return ReviewActions.Decide(store, Console.Out, confirmed, rejected, parse.GetValue(actor)!, parse.GetValue(reason), DateTimeOffset.UtcNow);
        }));
        return command;
    }
}
