using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Utilities;

namespace Vigil.Demo;

/// <summary>
/// The layout of the generated two-epoch scene: what stands in the first epoch, what the second adds, extends and
/// removes. Pure geometry, deterministic for a seed.
/// </summary>
/// <param name="Zone">UTM zone of the scene.</param>
/// <param name="Extent">Scene rectangle, UTM metres.</param>
/// <param name="Before">Structures of the first epoch (the register).</param>
/// <param name="After">Structures of the second epoch.</param>
/// <param name="Added">Structures that exist only in the second epoch.</param>
/// <param name="ExpandedId">The building that grew between the epochs.</param>
/// <param name="RemovedId">The building that was demolished between the epochs.</param>
public sealed record DemoScene(
    Core.UtmZone Zone,
    Envelope Extent,
    IReadOnlyList<DemoBuilding> Before,
    IReadOnlyList<DemoBuilding> After,
    IReadOnlyList<DemoBuilding> Added,
    string ExpandedId,
    string RemovedId)
{
    private const double SceneSizeMeters = 160;
    private const double GapMeters = 4;
    private const double EdgeMarginMeters = 12;

    /// <summary>Lays out a scene near Stone Town, Zanzibar (UTM 37S) from <paramref name="seed"/>.</summary>
    public static DemoScene Create(int seed = 7)
    {
        var random = new Random(seed);
        var zone = new Core.UtmZone(37, IsNorth: false);
        var extent = new Envelope(528000, 528000 + SceneSizeMeters, 9332000, 9332000 + SceneSizeMeters);
        var factory = new GeometryFactory(new PrecisionModel(), zone.EpsgCode);
        var scatter = new BuildingScatter(random, extent, factory, EdgeMarginMeters, GapMeters);
        var roofs = Enum.GetValues<DemoRoof>();

        var before = new List<DemoBuilding>();
        for (var i = 0; i < 14 && scatter.Place(8, 15) is { } outline; i++)
        {
            before.Add(new DemoBuilding($"B{i + 1:D2}", outline, roofs[random.Next(roofs.Length)]));
        }

        var added = new List<DemoBuilding>();
        for (var i = 0; i < 4 && scatter.Place(7, 13) is { } outline; i++)
        {
            added.Add(new DemoBuilding($"N{i + 1:D2}", outline, roofs[random.Next(roofs.Length)]));
        }

        var grown = before[2];
        var removed = before[5];
        var after = before
            .Where(b => b != removed)
            .Select(b => b == grown ? b with { Outline = Extend(b.Outline) } : b)
            .Concat(added)
            .ToList();
        return new DemoScene(zone, extent, before, after, added, grown.Id, removed.Id);
    }

    /// <summary>Doubles a rectangle along its first side: an extension built onto the registered building.</summary>
    private static Polygon Extend(Polygon rectangle)
    {
        var c = rectangle.ExteriorRing.Coordinates;
        var dx = c[1].X - c[0].X;
        var dy = c[1].Y - c[0].Y;
        Coordinate Shift(Coordinate p) => new(p.X + dx * 0.6, p.Y + dy * 0.6);
        var ring = new[] { c[0], Shift(c[1]), Shift(c[2]), c[3], c[0] };
        return rectangle.Factory.CreatePolygon(ring);
    }
}
