namespace Vigil.Ingest.Video;

/// <summary>How sampled drone frames, which carry no EXIF, are turned into georeferenced pictures.</summary>
/// <param name="HorizontalFieldOfViewDeg">
/// Angle between the frame's left and right edges, degrees; <see cref="DefaultHorizontalFieldOfViewDeg"/> unless the
/// camera is known to differ.
/// </param>
/// <param name="AltitudeAglMeters">Camera height above ground for every frame, metres, overriding the track's; or null.</param>
/// <param name="AssumeNadirWithoutPitch">
/// True when the user said the video is a drone's (<c>--camera drone</c>): frames whose track gives no gimbal pitch are
/// taken as looking straight down. False rejects them, since nothing tells them from oblique ones.
/// </param>
public sealed record DroneFrameOptions(
    double HorizontalFieldOfViewDeg = DroneFrameOptions.DefaultHorizontalFieldOfViewDeg,
    double? AltitudeAglMeters = null,
    bool AssumeNadirWithoutPitch = false)
{
    /// <summary>
    /// Horizontal field of view assumed for drone video, degrees: DJI's usual 24 mm (35 mm equivalent) camera (Phantom 4
    /// Pro, Mavic 3, Air 2, Mini 2) across a frame that keeps the sensor's width, 2 atan(18 / 24). A camera with
    /// another lens or a cropped video mode scales every footprint by the ratio of the tangents: pass its own.
    /// </summary>
    public const double DefaultHorizontalFieldOfViewDeg = 73.7;

    /// <summary>Throws <see cref="ArgumentException"/> for a value out of range.</summary>
    public void Validate()
    {
        if (!(HorizontalFieldOfViewDeg > 0 && HorizontalFieldOfViewDeg < 180))
        {
            throw new ArgumentException($"the horizontal field of view must lie between 0 and 180 degrees, not {HorizontalFieldOfViewDeg}");
        }

        if (AltitudeAglMeters is { } agl && !(agl > 0 && double.IsFinite(agl)))
        {
            throw new ArgumentException($"the altitude above ground must be a positive number of metres, not {agl}");
        }
    }
}
