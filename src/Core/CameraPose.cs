namespace Vigil.Core;

/// <summary>
/// Where a camera was and where it looked when it took one picture (a drone photo or a sampled video frame).
/// Shared by the photo and the video inputs: both turn a pose into a ground footprint the same way.
/// </summary>
/// <param name="LongitudeDeg">WGS 84 longitude, degrees.</param>
/// <param name="LatitudeDeg">WGS 84 latitude, degrees.</param>
/// <param name="HeightAboveGroundMeters">Camera height above the ground, metres; null when unknown (dashcams).</param>
/// <param name="YawDeg">Heading of the image's top edge, degrees clockwise from true north; null when unknown.</param>
/// <param name="PitchDeg">Camera pitch, degrees: -90 looks straight down, 0 at the horizon; null when unknown.</param>
/// <param name="CapturedUtc">When the picture was taken; null when unknown.</param>
public sealed record CameraPose(
    double LongitudeDeg,
    double LatitudeDeg,
    double? HeightAboveGroundMeters,
    double? YawDeg,
    double? PitchDeg,
    DateTimeOffset? CapturedUtc);
