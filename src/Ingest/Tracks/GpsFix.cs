namespace Vigil.Ingest.Tracks;

/// <summary>
/// One position of a track. Fixes of a valid track are in increasing <see cref="TrackTime"/>.
/// </summary>
/// <param name="TrackTime">
/// Time on the track's own axis: the media time of the video for telemetry that lives with it (DJI SRT timecode,
/// GoPro GPMF sample time), else the time since the track's first fix (GPX, NMEA).
/// </param>
/// <param name="ClockTime">The recorder's clock time, if the file has one; UTC when <see cref="GpsTrack.ClockIsUtc"/>.</param>
/// <param name="LongitudeDeg">WGS 84 longitude, degrees.</param>
/// <param name="LatitudeDeg">WGS 84 latitude, degrees.</param>
/// <param name="AltitudeMeters">Altitude above sea level or the ellipsoid as the recorder gives it, metres; null when absent.</param>
/// <param name="HeightAboveTakeoffMeters">Height above the take-off point (DJI rel_alt, H, BAROMETER; Karma relative altitude), metres; null when absent.</param>
/// <param name="YawDeg">Vehicle heading, degrees clockwise from true north; null when absent.</param>
/// <param name="GimbalPitchDeg">Camera (gimbal) pitch, degrees, −90 straight down; null when absent.</param>
/// <param name="GimbalYawDeg">Camera (gimbal) heading, degrees clockwise from true north; null when absent.</param>
public sealed record GpsFix(
    TimeSpan TrackTime,
    DateTime? ClockTime,
    double LongitudeDeg,
    double LatitudeDeg,
    double? AltitudeMeters = null,
    double? HeightAboveTakeoffMeters = null,
    double? YawDeg = null,
    double? GimbalPitchDeg = null,
    double? GimbalYawDeg = null)
{
    /// <summary>Camera settings of a DJI SRT record, when the record has them.</summary>
    public DjiCameraSettings? Camera { get; init; }
}
