using System.CommandLine;
using System.Globalization;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;
using Vigil.Ledger.WorkLists;
using Vigil.Runs;
using Vigil.Runs.Inputs;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil ledger review</c>: the review gate. Lists the detected (unreviewed) cases with their evidence pictures, or
/// confirms or rejects several at once.
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
                var folder = parse.GetValue(output) ?? DefaultFolder(parse.GetValue(ledger)!);
                return List(store, Console.Out, folder);
            }

            return Decide(store, Console.Out, confirmed, rejected, parse.GetValue(actor)!, parse.GetValue(reason), DateTimeOffset.UtcNow);
        }));
        return command;
    }

    /// <summary>Lists the unreviewed cases, oldest capture first, and draws their pictures into <paramref name="folder"/>.</summary>
    public static int List(ILedgerStore store, TextWriter output, string folder)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (File.Exists(folder))
        {
            return LedgerCommand.Refuse($"--out {folder} is a file; give a folder (created when missing)");
        }

        var list = ReviewList.Build(store);
        var pictures = list.WritePictures(store.ReadRecords(), new GdalImagerySource(), folder);
        foreach (var item in list.Items)
        {
            var r = item.Record;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Number}  {r.Kind,-20} {r.AreaSquareMeters,8:F1} m²  confidence {r.Confidence:F2}  seen {r.FirstSeenUtc:yyyy-MM-dd} ({r.FirstFlightId})  {item.Team}  {item.Latitude:F6}, {item.Longitude:F6}"));
            var (files, notes) = pictures[r.Number];
            foreach (var file in files)
            {
                output.WriteLine($"  {file}");
            }

            foreach (var note in notes)
            {
                output.WriteLine($"  note: {note}");
            }
        }

        output.WriteLine($"{list.Items.Count} case(s) to review; confirm or reject them with 'vigil ledger review --confirm N... --reject N... --reason TEXT'");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Confirms and rejects cases; every case is checked before any is changed, so a wrong number or a case already
    /// reviewed refuses the whole decision (exit 4) and the ledger stays as it was.
    /// </summary>
    public static int Decide(
        ILedgerStore store, TextWriter output, IReadOnlyList<string> confirm, IReadOnlyList<string> reject, string actor,
        string? reason, DateTimeOffset nowUtc)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(confirm);
        ArgumentNullException.ThrowIfNull(reject);
        try
        {
            new ReviewDecision(confirm, reject, nowUtc, actor, reason ?? "").Apply(store);
        }
        catch (Exception ex) when (ex is KeyNotFoundException or CaseTransitionException or ArgumentException)
        {
            return LedgerCommand.Refuse(ex.Message);
        }

        output.WriteLine($"confirmed {confirm.Count}, rejected {reject.Count} case(s) for {actor}: {reason}");
        return ExitCodes.Success;
    }

    private static string DefaultFolder(string ledger)
    {
        var (directory, stem) = LedgerLocation.Beside(ledger);
        return Path.Combine(directory, $"{stem}-review");
    }
}
