namespace Vigil.Core;

/// <summary>
/// Something a street-level detector saw in a geotagged frame, placed on the ground: the camera position, the bearing
/// of the object's centre and a range estimated from where its box meets the ground (flat ground, level camera at a
/// known height; beyond <see cref="SightingGeometry.MaxRangeMeters"/> or above the horizon the range is capped there).
/// </summary>
/// <param name="ImagePath">The frame, absolute path.</param>
/// <param name="ClassName">What was seen, as the model's card names it.</param>
/// <param name="Score">The detector's score, 0-1.</param>
/// <param name="Camera">Where the camera was and looked.</param>
/// <param name="BearingDeg">Bearing from the camera to the object's centre, degrees clockwise from north.</param>
/// <param name="RangeMeters">Estimated distance from the camera to the object's foot, metres.</param>
/// <param name="LongitudeDeg">The object's estimated WGS 84 longitude.</param>
/// <param name="LatitudeDeg">The object's estimated WGS 84 latitude.</param>
public sealed record StreetSighting(
    string ImagePath,
    string ClassName,
    double Score,
    CameraPose Camera,
    double BearingDeg,
    double RangeMeters,
    double LongitudeDeg,
    double LatitudeDeg);

/// <summary>How boxes in a street frame are turned into bearings and ranges.</summary>
/// <param name="HalfFieldOfViewDegrees">Half the camera's horizontal field of view, degrees (pinhole, square pixels).</param>
/// <param name="CameraHeightMeters">Height of the camera above the road, metres (a car's dashcam: about 1.4).</param>
/// <param name="MaxRangeMeters">Ranges are capped here; a box whose foot is at or above the horizon gets this range.</param>
public sealed record SightingGeometry(
    double HalfFieldOfViewDegrees = 60, double CameraHeightMeters = 1.4, double MaxRangeMeters = 40)
{
    /// <summary>
    /// Places a box of a frame <paramref name="frameWidth"/> x <paramref name="frameHeight"/> pixels on the ground.
    /// Null when the frame has no heading.
    /// </summary>
    public StreetSighting? Locate(
        string imagePath, CameraPose camera, int frameWidth, int frameHeight,
        double boxCenterX, double boxBottom, string className, double score)
    {
        ArgumentNullException.ThrowIfNull(camera);
        if (camera.YawDeg is not { } heading)
        {
            return null;
        }

        var focalPixels = frameWidth / 2.0 / Math.Tan(HalfFieldOfViewDegrees * Math.PI / 180);
        var offAxis = Math.Atan((boxCenterX - (frameWidth / 2.0)) / focalPixels) * 180 / Math.PI;
        var bearing = ((heading + offAxis) % 360 + 360) % 360;
        var belowHorizon = Math.Atan((boxBottom - (frameHeight / 2.0)) / focalPixels);
        var range = belowHorizon > 0
            ? Math.Min(MaxRangeMeters, CameraHeightMeters / Math.Tan(belowHorizon))
            : MaxRangeMeters;
        var local = new LocalMetricFrame(camera.LongitudeDeg, camera.LatitudeDeg);
        var radians = bearing * Math.PI / 180;
        var (lon, lat) = local.ToWgs84(range * Math.Sin(radians), range * Math.Cos(radians));
        return new StreetSighting(imagePath, className, score, camera, bearing, range, lon, lat);
    }

    /// <summary>Throws <see cref="ArgumentException"/> for a value out of range.</summary>
    public void Validate()
    {
        if (HalfFieldOfViewDegrees is <= 0 or >= 90)
        {
            throw new ArgumentException($"the half field of view must be in (0, 90) degrees, not {HalfFieldOfViewDegrees}");
        }

        if (!(CameraHeightMeters > 0) || !(MaxRangeMeters > 0))
        {
            throw new ArgumentException("the camera height and the largest range must be positive");
        }
    }
}
