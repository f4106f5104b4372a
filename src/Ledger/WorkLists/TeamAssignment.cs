using NetTopologySuite.Geometries;
using Vigil.Ledger.Stores;

namespace Vigil.Ledger.WorkLists;

/// <summary>Which team a case belongs to: the team whose area holds the centroid of its outline. Thread-safe.</summary>
public static class TeamAssignment
{
    /// <summary>The team whose area holds the centroid of <paramref name="outlineWgs84"/>, or null when none does.</summary>
    /// <param name="outlineWgs84">A case outline, EPSG:4326 lon/lat.</param>
    /// <param name="areas">The team areas (<see cref="ILedgerStore.ReadTeamAreas"/>); they do not overlap.</param>
    public static string? TeamOf(Geometry outlineWgs84, IReadOnlyList<(string Team, Geometry Wgs84)> areas)
    {
        ArgumentNullException.ThrowIfNull(outlineWgs84);
        ArgumentNullException.ThrowIfNull(areas);
        var centroid = outlineWgs84.Centroid;
        foreach (var (team, area) in areas)
        {
            // Covers, not Contains: a centroid on a shared border still belongs to a team (the first one loaded).
            if (area.Covers(centroid))
            {
                return team;
            }
        }

        return null;
    }
}
