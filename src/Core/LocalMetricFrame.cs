using NetTopologySuite.Geometries;

namespace Vigil.Core;

/// <summary>
/// A flat east/north frame in metres around one WGS 84 origin (equirectangular with the ellipsoid's radii of
/// curvature at the origin). Good to a few centimetres within a few kilometres of the origin, which is all a track
/// segment or a camera-to-building distance needs. Immutable and thread-safe.
/// </summary>
public sealed class LocalMetricFrame
{
    private const double SemiMajorAxisMeters = 6378137.0;
    private const double EccentricitySquared = 6.69437999014e-3;

    private readonly double _metersPerDegreeEast;
    private readonly double _metersPerDegreeNorth;

    /// <summary>Creates the frame around a WGS 84 origin, degrees.</summary>
    public LocalMetricFrame(double originLongitudeDeg, double originLatitudeDeg)
    {
        OriginLongitudeDeg = originLongitudeDeg;
        OriginLatitudeDeg = originLatitudeDeg;
        var phi = originLatitudeDeg * Math.PI / 180;
        var w = 1 - EccentricitySquared * Math.Sin(phi) * Math.Sin(phi);
        var primeVertical = SemiMajorAxisMeters / Math.Sqrt(w);
        var meridional = SemiMajorAxisMeters * (1 - EccentricitySquared) / (w * Math.Sqrt(w));
        _metersPerDegreeEast = primeVertical * Math.Cos(phi) * Math.PI / 180;
        _metersPerDegreeNorth = meridional * Math.PI / 180;
    }

    /// <summary>Origin longitude, degrees.</summary>
    public double OriginLongitudeDeg { get; }

    /// <summary>Origin latitude, degrees.</summary>
    public double OriginLatitudeDeg { get; }

    /// <summary>East and north of the origin, metres, for a WGS 84 position in degrees.</summary>
    public (double EastMeters, double NorthMeters) ToMeters(double longitudeDeg, double latitudeDeg) =>
        ((longitudeDeg - OriginLongitudeDeg) * _metersPerDegreeEast, (latitudeDeg - OriginLatitudeDeg) * _metersPerDegreeNorth);

    /// <summary>A copy of a WGS 84 geometry (lon/lat degrees) in metres east and north of the origin.</summary>
    public Geometry ToMeters(Geometry wgs84)
    {
        ArgumentNullException.ThrowIfNull(wgs84);
        var copy = wgs84.Copy();
        copy.Apply(new ToLocal(this));
        return copy;
    }

    /// <summary>The WGS 84 position, degrees, of a point east and north of the origin, metres.</summary>
    public (double LongitudeDeg, double LatitudeDeg) ToWgs84(double eastMeters, double northMeters) =>
        (OriginLongitudeDeg + eastMeters / _metersPerDegreeEast, OriginLatitudeDeg + northMeters / _metersPerDegreeNorth);

    /// <summary>Distance in metres between two WGS 84 positions near each other (degrees).</summary>
    public static double DistanceMeters(double lon1Deg, double lat1Deg, double lon2Deg, double lat2Deg)
    {
        var frame = new LocalMetricFrame(lon1Deg, lat1Deg);
        var (e, n) = frame.ToMeters(lon2Deg, lat2Deg);
        return Math.Sqrt(e * e + n * n);
    }

    /// <summary>Bearing of a displacement, degrees clockwise from north in [0, 360).</summary>
    public static double BearingDeg(double eastMeters, double northMeters)
    {
        var deg = Math.Atan2(eastMeters, northMeters) * 180 / Math.PI;
        return deg < 0 ? deg + 360 : deg;
    }

    /// <summary>Signed smallest difference <paramref name="toDeg"/> − <paramref name="fromDeg"/>, degrees in (−180, 180].</summary>
    public static double AngleDifferenceDeg(double fromDeg, double toDeg)
    {
        var d = (toDeg - fromDeg) % 360;
        if (d <= -180)
        {
            d += 360;
        }
        else if (d > 180)
        {
            d -= 360;
        }

        return d;
    }

    private sealed class ToLocal(LocalMetricFrame local) : IEntireCoordinateSequenceFilter
    {
        public bool Done => false;

        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq)
        {
            for (var i = 0; i < seq.Count; i++)
            {
                var (e, n) = local.ToMeters(seq.GetX(i), seq.GetY(i));
                seq.SetX(i, e);
                seq.SetY(i, n);
            }
        }
    }
}
