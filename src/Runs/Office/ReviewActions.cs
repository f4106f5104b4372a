using System.Globalization;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;
using Vigil.Ledger.WorkLists;
using Vigil.Runs.Inputs;

namespace Vigil.Runs.Office;

/// <summary>
/// <c>vigil ledger review</c>: the review gate. Lists the detected (unreviewed) cases with their evidence pictures, or
/// confirms or rejects several at once.
/// </summary>
public static class ReviewActions
{
    /// <summary>The folder of the evidence pictures when none is given: <c>LEDGER-review</c> beside the ledger.</summary>
    public static string DefaultFolder(string ledger)
    {
        var (directory, stem) = LedgerLocation.Beside(ledger);
        return Path.Combine(directory, $"{stem}-review");
    }

    /// <summary>
    /// Lists the unreviewed cases, oldest capture first, and draws their pictures into <paramref name="folder"/>; a
    /// folder that is a file is refused (<see cref="LedgerActions.Refused"/>).
    /// </summary>
    public static int List(ILedgerStore store, TextWriter output, string folder)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        if (File.Exists(folder))
        {
            throw LedgerActions.Refused($"--out {folder} is a file; give a folder (created when missing)");
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
    /// reviewed refuses the whole decision (<see cref="LedgerActions.Refused"/>) and the ledger stays as it was.
    /// </summary>
    public static int Decide(
        ILedgerStore store, TextWriter output, IReadOnlyList<string> confirm, IReadOnlyList<string> reject, string actor,
        string? reason, DateTimeOffset nowUtc)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(confirm);
        ArgumentNullException.ThrowIfNull(reject);
        LedgerActions.RefusedOn(() =>
        {
            new ReviewDecision(confirm, reject, nowUtc, actor, reason ?? "").Apply(store);
            return 0;
        });
        output.WriteLine($"confirmed {confirm.Count}, rejected {reject.Count} case(s) for {actor}: {reason}");
        return ExitCodes.Success;
    }
}
