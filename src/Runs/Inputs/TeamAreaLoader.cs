using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ingest;

namespace Vigil.Runs.Inputs;

/// <summary>
/// Reads team areas: polygons named by a <c>team</c> (or <c>name</c>) attribute, in any vector format and CRS GDAL reads,
/// as EPSG:4326 lon/lat for <see cref="Vigil.Ledger.Stores.ILedgerStore.ReplaceTeamAreas"/>.
/// </summary>
public static class TeamAreaLoader
{
    private static readonly string[] NameAttributes = ["team", "name"];

    /// <summary>The areas in file order; throws <see cref="InputException"/> naming the file.</summary>
    public static IReadOnlyList<(string Team, Geometry Wgs84)> Load(string path)
    {
        // OGR reprojects into a UTM zone: read once to find where the areas are, again in their own zone if it differs.
        var guess = new UtmZone(38, IsNorth: true);
        var features = Polygons(path, guess);
        var centre = guess.ToWgs84(features[0].Geometry.Factory.BuildGeometry(features.Select(f => f.Geometry)).Envelope).Centroid;
        var zone = UtmZone.Containing(centre.X, centre.Y);
        if (zone != guess)
        {
            features = Polygons(path, zone);
        }

        return features.Select(f =>
        {
            var name = f.Attributes.FirstOrDefault(a => NameAttributes.Contains(a.Key, StringComparer.OrdinalIgnoreCase)
                && !string.IsNullOrWhiteSpace(a.Value)).Value
                ?? throw new InputException(path, $"feature {f.Id} has no 'team' or 'name' attribute");
            var wgs84 = zone.ToWgs84(f.Geometry);
            wgs84.SRID = 4326;
            return (name.Trim(), wgs84);
        }).ToList();
    }

    private static List<VectorFeature> Polygons(string path, UtmZone zone)
    {
        var polygons = VectorReader.Read(path, zone).Where(f => f.Geometry is Polygon or MultiPolygon && !f.Geometry.IsEmpty).ToList();
        return polygons.Count > 0 ? polygons : throw new InputException(path, "holds no polygon");
    }
}
