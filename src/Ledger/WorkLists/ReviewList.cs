using Vigil.Core;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;

namespace Vigil.Ledger.WorkLists;

/// <summary>
/// The cases waiting for review (status "detected", straight from the model), oldest capture first, with the evidence a
/// reviewer needs: a map and before/after crops from the earliest and latest flight that covered or saw each case.
/// </summary>
/// <param name="Items">The unreviewed cases; <see cref="WorkListItem.Team"/> is the team whose area holds the case, or "(no team)".</param>
public sealed record ReviewList(IReadOnlyList<WorkListItem> Items)
{
    /// <summary>The team of a case outside every team area.</summary>
    public const string NoTeam = "(no team)";

    /// <summary>Reads the ledger (only reads it) and lists its unreviewed cases.</summary>
    public static ReviewList Build(ILedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var areas = store.ReadTeamAreas();
        var waiting = store.ReadRecords()
            .Where(r => r.Status == CaseStatuses.Detected)
            .OrderBy(r => r.FirstSeenUtc)
            .ThenBy(r => r.Number, StringComparer.Ordinal)
            .Select(r => (r, (string?)null))
            .ToList();
        return new ReviewList(WorkList.ItemsOf(
            store, store.ReadEvents(), waiting, r => TeamAssignment.TeamOf(r.FootprintWgs84, areas) ?? NoTeam, rules: null));
    }

    /// <summary>
    /// Draws each case's map and before/after crops into <paramref name="outDirectory"/> (created when missing) and
    /// returns, per case number, the pictures written and the notes on the ones that could not be made.
    /// </summary>
    public IReadOnlyDictionary<string, (IReadOnlyList<string> Files, IReadOnlyList<string> Notes)> WritePictures(
        IReadOnlyList<ViolationRecord> allCases, IImagerySource? imagery, string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(allCases);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDirectory);
        Directory.CreateDirectory(outDirectory);
        var written = new Dictionary<string, (IReadOnlyList<string>, IReadOnlyList<string>)>(StringComparer.Ordinal);
        foreach (var item in Items)
        {
            var pictures = new PictureMaker(item, allCases, imagery, outDirectory, ".").Make();
            var files = new[] { pictures.Map, pictures.Before, pictures.After, pictures.StreetFrame }
                .OfType<string>()
                .Select(f => Path.GetFullPath(Path.Combine(outDirectory, f)))
                .ToList();
            written[item.Record.Number] = (files, pictures.Notes);
        }

        return written;
    }
}
