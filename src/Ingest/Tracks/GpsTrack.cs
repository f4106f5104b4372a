using Vigil.Core;

namespace Vigil.Ingest.Tracks;

/// <summary>
/// A GPS track: fixes in file order, with interpolation of position, heading and distance travelled at any moment.
/// Interpolation is linear in a local metric frame around the first fix and assumes a valid track (increasing time,
/// see <see cref="TrackValidator"/>). Immutable and thread-safe.
/// </summary>
public sealed class GpsTrack
{
    /// <summary>Segments shorter than this carry no usable bearing: at a standstill GPS noise turns the bearing at random.</summary>
    private const double MinHeadingSegmentMeters = 0.5;

    private readonly LocalMetricFrame _frame;
    private readonly double[] _seconds;
    private readonly double[] _east;
    private readonly double[] _north;
    private readonly double[] _distance;
    private readonly double?[] _motionBearing;

    /// <summary>Creates a track.</summary>
    /// <param name="sourcePath">The file it was read from, as given.</param>
    /// <param name="format">The format it was read as, e.g. "gpx", "nmea", "gpmf", "dji-srt/bracketed".</param>
    /// <param name="fixes">At least one fix.</param>
    /// <param name="clockIsUtc">True when <see cref="GpsFix.ClockTime"/> is UTC (GPX, NMEA, GPMF GPSU); DJI writes local time.</param>
    /// <param name="notes">What the reader skipped and why (records without a position, bad checksums).</param>
    public GpsTrack(string sourcePath, string format, IReadOnlyList<GpsFix> fixes, bool clockIsUtc, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        if (fixes.Count == 0)
        {
            throw new ArgumentException("a track needs at least one fix", nameof(fixes));
        }

        SourcePath = sourcePath;
        Format = format;
        Fixes = fixes;
        ClockIsUtc = clockIsUtc;
        Notes = notes ?? [];
        _frame = new LocalMetricFrame(fixes[0].LongitudeDeg, fixes[0].LatitudeDeg);
        var n = fixes.Count;
        _seconds = new double[n];
        _east = new double[n];
        _north = new double[n];
        _distance = new double[n];
        _motionBearing = new double?[n];
        for (var i = 0; i < n; i++)
        {
            _seconds[i] = fixes[i].TrackTime.TotalSeconds;
            (_east[i], _north[i]) = _frame.ToMeters(fixes[i].LongitudeDeg, fixes[i].LatitudeDeg);
            if (i > 0)
            {
                var de = _east[i] - _east[i - 1];
                var dn = _north[i] - _north[i - 1];
                var step = Math.Sqrt(de * de + dn * dn);
                _distance[i] = _distance[i - 1] + step;
                _motionBearing[i - 1] = step >= MinHeadingSegmentMeters ? LocalMetricFrame.BearingDeg(de, dn) : null;
            }
        }

        FillStandstills(_motionBearing);
    }

    /// <summary>The file the track was read from, as given.</summary>
    public string SourcePath { get; }

    /// <summary>The format it was read as, e.g. "gpx", "nmea", "gpmf", "dji-srt/bracketed".</summary>
    public string Format { get; }

    /// <summary>The fixes, in file order.</summary>
    public IReadOnlyList<GpsFix> Fixes { get; }

    /// <summary>True when <see cref="GpsFix.ClockTime"/> is UTC.</summary>
    public bool ClockIsUtc { get; }

    /// <summary>What the reader skipped and why; empty when it used every record.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>True when the file is DJI drone telemetry (an SRT).</summary>
    public bool IsDjiSrt => Format.StartsWith("dji-srt", StringComparison.Ordinal);

    /// <summary>True when at least one fix has a height above take-off.</summary>
    public bool HasHeightAboveTakeoff => Fixes.Any(f => f.HeightAboveTakeoffMeters is not null);

    /// <summary>Time of the first fix on the track's axis.</summary>
    public TimeSpan Start => Fixes[0].TrackTime;

    /// <summary>Time of the last fix on the track's axis.</summary>
    public TimeSpan End => Fixes[^1].TrackTime;

    /// <summary>Horizontal length of the whole track, metres.</summary>
    public double LengthMeters => _distance[^1];

    /// <summary>
    /// The position at <paramref name="trackTime"/>, linear between the two fixes around it; null outside
    /// [<see cref="Start"/>, <see cref="End"/>].
    /// </summary>
    public TrackPosition? At(TimeSpan trackTime)
    {
        var t = trackTime.TotalSeconds;
        if (t < _seconds[0] || t > _seconds[^1])
        {
            return null;
        }

        var i = Array.BinarySearch(_seconds, t);
        int lo;
        double w;
        if (i >= 0)
        {
            lo = i == _seconds.Length - 1 ? Math.Max(0, i - 1) : i;
            w = i == lo ? 0 : 1;
        }
        else
        {
            lo = ~i - 1;
            w = (t - _seconds[lo]) / (_seconds[lo + 1] - _seconds[lo]);
        }

        var hi = Math.Min(lo + 1, _seconds.Length - 1);
        var a = Fixes[lo];
        var b = Fixes[hi];
        var (lon, lat) = _frame.ToWgs84(Lerp(_east[lo], _east[hi], w), Lerp(_north[lo], _north[hi], w));
        var heading = Angle(a.GimbalYawDeg, b.GimbalYawDeg, w) ?? Angle(a.YawDeg, b.YawDeg, w) ?? _motionBearing[lo];
        DateTime? clock = a.ClockTime is { } ca && b.ClockTime is { } cb
            ? ca + (cb - ca) * w
            : a.ClockTime;
        return new TrackPosition(
            trackTime, lon, lat,
            Lerp(a.AltitudeMeters, b.AltitudeMeters, w),
            Lerp(a.HeightAboveTakeoffMeters, b.HeightAboveTakeoffMeters, w),
            heading,
            Lerp(a.GimbalPitchDeg, b.GimbalPitchDeg, w),
            Lerp(_distance[lo], _distance[hi], w),
            clock);
    }

    /// <summary>Distance travelled from the first fix to <paramref name="trackTime"/>, metres; clamped to the track's ends.</summary>
    public double DistanceAt(TimeSpan trackTime)
    {
        var t = Math.Clamp(trackTime.TotalSeconds, _seconds[0], _seconds[^1]);
        return At(TimeSpan.FromSeconds(t))!.DistanceMeters;
    }

    /// <summary>Horizontal distance between fixes <paramref name="i"/> and <paramref name="j"/>, metres.</summary>
    public double StepMeters(int i, int j)
    {
        var de = _east[j] - _east[i];
        var dn = _north[j] - _north[i];
        return Math.Sqrt(de * de + dn * dn);
    }

    private static void FillStandstills(double?[] bearing)
    {
        // A stop keeps the heading it had when it stopped; a track that starts at rest takes the first heading it gets.
        double? last = null;
        for (var i = 0; i < bearing.Length; i++)
        {
            if (bearing[i] is null)
            {
                bearing[i] = last;
            }
            else
            {
                last = bearing[i];
            }
        }

        double? next = null;
        for (var i = bearing.Length - 1; i >= 0; i--)
        {
            if (bearing[i] is null)
            {
                bearing[i] = next;
            }
            else
            {
                next = bearing[i];
            }
        }
    }

    private static double Lerp(double a, double b, double w) => a + (b - a) * w;

    private static double? Lerp(double? a, double? b, double w) =>
        a is { } x && b is { } y ? Lerp(x, y, w) : a ?? b;

    private static double? Angle(double? a, double? b, double w)
    {
        if (a is not { } x || b is not { } y)
        {
            return a ?? b;
        }

        var deg = x + LocalMetricFrame.AngleDifferenceDeg(x, y) * w;
        return ((deg % 360) + 360) % 360;
    }
}
