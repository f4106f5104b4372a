using System.Globalization;
using NetTopologySuite.Geometries;
using Vigil.Core;

namespace Vigil.Runs.Flights;

/// <summary>
/// Whether a flight's baseline can say anything about the ground it covered: an empty baseline (the first flight of an
/// area) makes every structure new; one that does not overlap the flight (another city, a wrong CRS) too, and the
/// summary names both extents so the user sees which file is wrong.
/// </summary>
/// <param name="BaselineFeatures">Polygons in the baseline.</param>
/// <param name="BaselineExtentWgs84">The baseline's extent, lon/lat; null when it is empty.</param>
/// <param name="FlightExtentWgs84">The extent of the ground the flight covered with valid imagery, lon/lat; null when none.</param>
public sealed record BaselineCoverage(int BaselineFeatures, Envelope? BaselineExtentWgs84, Envelope? FlightExtentWgs84)
{
    /// <summary>True when the baseline holds nothing.</summary>
    public bool IsEmpty => BaselineFeatures == 0;

    /// <summary>True when the baseline holds features but none lies near the covered ground.</summary>
    public bool Misses => !IsEmpty && BaselineExtentWgs84 is { } b && FlightExtentWgs84 is { } f && !b.Intersects(f);

    /// <summary>One line for the summary when the baseline is empty or misses the flight; null otherwise.</summary>
    public string? Note => IsEmpty
        ? $"empty baseline: the first flight of this area, every structure seen is new (flight extent {Text(FlightExtentWgs84)})"
        : Misses
            ? $"the baseline does not overlap the flight: baseline extent {Text(BaselineExtentWgs84)}, flight extent " +
              $"{Text(FlightExtentWgs84)}; every structure seen is new and no building is a demolished candidate " +
              "(check that the baseline is of this area)"
            : null;

    /// <summary>Measures a baseline (working CRS) against the ground a flight covered (working CRS).</summary>
    public static BaselineCoverage Of(IReadOnlyList<BaselineFeature> baseline, Geometry coveredWorking, UtmZone zone)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(coveredWorking);
        ArgumentNullException.ThrowIfNull(zone);
        Envelope? Extent(Geometry g) => g.IsEmpty ? null : zone.ToWgs84(g.Factory.ToGeometry(g.EnvelopeInternal)).EnvelopeInternal;
        var factory = coveredWorking.Factory;
        var baselineExtent = baseline.Count == 0
            ? null
            : Extent(factory.BuildGeometry(baseline.Select(f => factory.ToGeometry(f.Outline.EnvelopeInternal)).ToList()));
        return new BaselineCoverage(baseline.Count, baselineExtent, Extent(coveredWorking));
    }

    private static string Text(Envelope? e) => e is null
        ? "none"
        : string.Create(CultureInfo.InvariantCulture, $"lon {e.MinX:F5}..{e.MaxX:F5}, lat {e.MinY:F5}..{e.MaxY:F5}");
}
