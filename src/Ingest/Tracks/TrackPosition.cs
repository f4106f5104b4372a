namespace Vigil.Ingest.Tracks;

/// <summary>Where a track was at one moment, interpolated between its fixes.</summary>
/// <param name="TrackTime">The moment, on the track's time axis.</param>
/// <param name="LongitudeDeg">WGS 84 longitude, degrees.</param>
/// <param name="LatitudeDeg">WGS 84 latitude, degrees.</param>
/// <param name="AltitudeMeters">Altitude as the recorder gives it, metres; null when the track has none.</param>
/// <param name="HeightAboveTakeoffMeters">Height above take-off, metres; null when the track has none.</param>
/// <param name="HeadingDeg">
/// Where the camera points, degrees clockwise from north: the gimbal's yaw, else the vehicle's yaw, else the bearing
/// of motion; null for a track that never moves and has no yaw.
/// </param>
/// <param name="GimbalPitchDeg">Camera pitch, degrees, −90 straight down; null when unknown.</param>
/// <param name="DistanceMeters">Distance travelled along the track from its first fix, metres (horizontal).</param>
/// <param name="ClockTime">The recorder's clock at that moment, if it has one.</param>
public sealed record TrackPosition(
    TimeSpan TrackTime,
    double LongitudeDeg,
    double LatitudeDeg,
    double? AltitudeMeters,
    double? HeightAboveTakeoffMeters,
    double? HeadingDeg,
    double? GimbalPitchDeg,
    double DistanceMeters,
    DateTime? ClockTime);
