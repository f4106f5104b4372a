using System.Globalization;
using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;

namespace Vigil.Runs.Flights;

/// <summary>
/// A flight compared with a baseline of another place finds every building "new" and every registered one gone: the
/// two must overlap before anything is recorded. Compared by their extents in the flight's working UTM zone.
/// </summary>
internal static class FlightOverlap
{
    /// <summary>
    /// Throws <see cref="InputException"/> naming the baseline and both extents (WGS 84 degrees) when the imagery's
    /// extent and the baseline's do not meet.
    /// </summary>
    public static void Ensure(IReadOnlyList<RasterInfo> probes, IReadOnlyList<BaselineFeature> baseline, string baselinePath, UtmZone zone)
    {
        var flight = new Envelope();
        foreach (var probe in probes)
        {
            var (w, h) = (probe.WidthPixels, probe.HeightPixels);
            foreach (var (column, row) in new[] { (0.0, 0.0), (w, 0.0), (0.0, h), (w, h), (w / 2.0, 0.0), (w / 2.0, h), (0.0, h / 2.0), (w, h / 2.0) })
            {
                var (x, y) = probe.GeoTransform.PixelToWorld(column, row);
                var (longitude, latitude) = CrsTransform.ToWgs84(probe.CrsWkt, x, y);
                var (easting, northing) = zone.Forward(longitude, latitude);
                flight.ExpandToInclude(easting, northing);
            }
        }

        var reference = new Envelope();
        foreach (var feature in baseline)
        {
            reference.ExpandToInclude(feature.Outline.EnvelopeInternal);
        }

        if (flight.IsNull || reference.IsNull || flight.Intersects(reference))
        {
            return;
        }

        throw new InputException(baselinePath,
            $"does not overlap the flight: the baseline covers {Describe(reference, zone)}, the flight's imagery {Describe(flight, zone)} " +
            $"({Distance(flight, reference, zone)} apart); a baseline of another area, or imagery of another place? Nothing was recorded");
    }

    private static string Describe(Envelope extent, UtmZone zone)
    {
        var degrees = Degrees(extent, zone);
        return string.Create(CultureInfo.InvariantCulture,
            $"longitude {degrees.MinX:F5}..{degrees.MaxX:F5}, latitude {degrees.MinY:F5}..{degrees.MaxY:F5}");
    }

    private static Envelope Degrees(Envelope extent, UtmZone zone)
    {
        var degrees = new Envelope();
        foreach (var (x, y) in new[] { (extent.MinX, extent.MinY), (extent.MaxX, extent.MinY), (extent.MinX, extent.MaxY), (extent.MaxX, extent.MaxY) })
        {
            var (longitude, latitude) = zone.Inverse(x, y);
            degrees.ExpandToInclude(longitude, latitude);
        }

        return degrees;
    }

    private static string Distance(Envelope a, Envelope b, UtmZone zone)
    {
        // Between the extents' centres on the sphere: a baseline of another city lies far outside the flight's zone.
        const double EarthRadiusMeters = 6_371_000;
        var (p, q) = (Degrees(a, zone), Degrees(b, zone));
        var (lat1, lat2) = (p.Centre.Y * Math.PI / 180, q.Centre.Y * Math.PI / 180);
        var dLat = lat2 - lat1;
        var dLon = (q.Centre.X - p.Centre.X) * Math.PI / 180;
        var h = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) + Math.Cos(lat1) * Math.Cos(lat2) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        var metres = 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(h)));
        return metres >= 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{metres / 1000:F1} km")
            : string.Create(CultureInfo.InvariantCulture, $"{metres:F0} m");
    }
}
