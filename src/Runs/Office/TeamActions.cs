using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;
using Vigil.Ledger.WorkLists;
using Vigil.Runs.Inputs;

namespace Vigil.Runs.Office;

/// <summary><c>vigil ledger teams</c>: the team areas and their open cases.</summary>
public static class TeamActions
{
    /// <summary>Terminal cells of the team column: 12 Chinese characters, 24 Latin ones.</summary>
    private const int TeamColumnCells = 24;

    /// <summary>
    /// Lists the team areas with their open cases; with a file, first replaces the areas by the file's. A file that cannot
    /// be read, or whose areas overlap, is refused (<see cref="LedgerActions.Refused"/>) before anything is written.
    /// </summary>
    public static int Teams(ILedgerStore store, TextWriter output, string? loadPath, DateTimeOffset nowUtc, string actor)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        if (loadPath is not null)
        {
            try
            {
                var areas = TeamAreaLoader.Load(loadPath);
                store.ReplaceTeamAreas(areas, nowUtc, actor);
                output.WriteLine($"loaded {areas.Count} team area(s) from {loadPath}");
            }
            catch (Exception ex) when (ex is Ingest.InputException or ArgumentException)
            {
                throw new RunFailedException(ex.Message, ExitCodes.Refused, ex);
            }
        }

        var loaded = store.ReadTeamAreas();
        var open = store.ReadRecords().Where(r => CaseStatuses.IsActionable(r.Status))
            .GroupBy(r => TeamAssignment.TeamOf(r.FootprintWgs84, loaded) ?? "(no team)")
            .ToDictionary(g => g.Key, g => g.Count());
        foreach (var (team, _) in loaded)
        {
            output.WriteLine($"{DisplayText.PadRight(team, TeamColumnCells)} {open.GetValueOrDefault(team),5} open case(s)");
        }

        if (open.TryGetValue("(no team)", out var outside))
        {
            output.WriteLine($"{DisplayText.PadRight("(no team)", TeamColumnCells)} {outside,5} open case(s) outside every team area");
        }

        output.WriteLine($"{loaded.Count} team area(s)");
        return ExitCodes.Success;
    }
}
