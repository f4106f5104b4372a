using NetTopologySuite.Geometries;

namespace Vigil.Core;

/// <summary>
/// A WGS 84 / UTM zone (EPSG:326zz north, 327zz south): the metric working CRS of a flight.
/// Conversions use Krüger's series to third order (Karney 2011), accurate to about a millimetre within
/// 3,000 km of the central meridian. Immutable and thread-safe.
/// </summary>
/// <param name="Zone">Zone number 1..60.</param>
/// <param name="IsNorth">True for the northern hemisphere (false northing 0), false for the southern (10,000 km).</param>
public sealed record UtmZone(int Zone, bool IsNorth)
{
    private const double SemiMajorAxisMeters = 6378137.0;
    private const double Flattening = 1 / 298.257223563;
    private const double ScaleFactor = 0.9996;
    private const double FalseEastingMeters = 500000.0;
    private const double SouthFalseNorthingMeters = 10000000.0;

    private static readonly double N = Flattening / (2 - Flattening);
    private static readonly double RectifyingRadius =
        SemiMajorAxisMeters / (1 + N) * (1 + N * N / 4 + N * N * N * N / 64);
    private static readonly double[] Alpha =
        [N / 2 - 2 * N * N / 3 + 5 * N * N * N / 16, 13 * N * N / 48 - 3 * N * N * N / 5, 61 * N * N * N / 240];
    private static readonly double[] Beta =
        [N / 2 - 2 * N * N / 3 + 37 * N * N * N / 96, N * N / 48 + N * N * N / 15, 17 * N * N * N / 480];
    private static readonly double[] Delta =
        [2 * N - 2 * N * N / 3 - 2 * N * N * N, 7 * N * N / 3 - 8 * N * N * N / 5, 56 * N * N * N / 15];
    private static readonly double ConformalFactor = 2 * Math.Sqrt(N) / (1 + N);

    /// <summary>The EPSG code of this zone.</summary>
    public int EpsgCode => (IsNorth ? 32600 : 32700) + Zone;

    /// <summary>"EPSG:326zz" or "EPSG:327zz", as GDAL and PROJ accept it.</summary>
    public string EpsgName => $"EPSG:{EpsgCode}";

    private double CentralMeridianRadians => ((Zone - 1) * 6 - 180 + 3) * Math.PI / 180;

    private double FalseNorthingMeters => IsNorth ? 0 : SouthFalseNorthingMeters;

    /// <summary>The standard zone that contains a WGS 84 longitude/latitude (degrees).</summary>
    public static UtmZone Containing(double longitudeDegrees, double latitudeDegrees)
    {
        var lon = ((longitudeDegrees + 180) % 360 + 360) % 360 - 180;
        var zone = Math.Clamp((int)Math.Floor((lon + 180) / 6) + 1, 1, 60);
        return new UtmZone(zone, latitudeDegrees >= 0);
    }

    /// <summary>Projects WGS 84 longitude/latitude (degrees) to easting/northing (metres).</summary>
    public (double Easting, double Northing) Forward(double longitudeDegrees, double latitudeDegrees)
    {
        var phi = latitudeDegrees * Math.PI / 180;
        var lambda = longitudeDegrees * Math.PI / 180 - CentralMeridianRadians;
        var sinPhi = Math.Sin(phi);
        var t = Math.Sinh(Math.Atanh(sinPhi) - ConformalFactor * Math.Atanh(ConformalFactor * sinPhi));
        var xiPrime = Math.Atan2(t, Math.Cos(lambda));
        var etaPrime = Math.Atanh(Math.Sin(lambda) / Math.Sqrt(1 + t * t));
        var xi = xiPrime;
        var eta = etaPrime;
        for (var j = 1; j <= 3; j++)
        {
            xi += Alpha[j - 1] * Math.Sin(2 * j * xiPrime) * Math.Cosh(2 * j * etaPrime);
            eta += Alpha[j - 1] * Math.Cos(2 * j * xiPrime) * Math.Sinh(2 * j * etaPrime);
        }

        return (FalseEastingMeters + ScaleFactor * RectifyingRadius * eta,
                FalseNorthingMeters + ScaleFactor * RectifyingRadius * xi);
    }

    /// <summary>Unprojects easting/northing (metres) to WGS 84 longitude/latitude (degrees).</summary>
    public (double Longitude, double Latitude) Inverse(double easting, double northing)
    {
        var xi = (northing - FalseNorthingMeters) / (ScaleFactor * RectifyingRadius);
        var eta = (easting - FalseEastingMeters) / (ScaleFactor * RectifyingRadius);
        var xiPrime = xi;
        var etaPrime = eta;
        for (var j = 1; j <= 3; j++)
        {
            xiPrime -= Beta[j - 1] * Math.Sin(2 * j * xi) * Math.Cosh(2 * j * eta);
            etaPrime -= Beta[j - 1] * Math.Cos(2 * j * xi) * Math.Sinh(2 * j * eta);
        }

        var chi = Math.Asin(Math.Sin(xiPrime) / Math.Cosh(etaPrime));
        var phi = chi;
        for (var j = 1; j <= 3; j++)
        {
            phi += Delta[j - 1] * Math.Sin(2 * j * chi);
        }

        var lambda = CentralMeridianRadians + Math.Atan2(Math.Sinh(etaPrime), Math.Cos(xiPrime));
        return (lambda * 180 / Math.PI, phi * 180 / Math.PI);
    }

    /// <summary>A copy of a WGS 84 (lon/lat) geometry projected into this zone; SRID set to <see cref="EpsgCode"/>.</summary>
    public Geometry FromWgs84(Geometry lonLat)
    {
        var copy = lonLat.Copy();
        copy.Apply(new Reprojector((x, y) => Forward(x, y)));
        copy.SRID = EpsgCode;
        return copy;
    }

    /// <summary>A copy of a geometry in this zone unprojected to WGS 84 lon/lat; SRID set to 4326.</summary>
    public Geometry ToWgs84(Geometry projected)
    {
        var copy = projected.Copy();
        copy.Apply(new Reprojector((x, y) => Inverse(x, y)));
        copy.SRID = 4326;
        return copy;
    }

    private sealed class Reprojector(Func<double, double, (double, double)> map) : ICoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = map(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
