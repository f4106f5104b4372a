namespace Vigil.Core;

/// <summary>
/// Georeferences a near-nadir picture from its camera pose alone: a flat-ground pinhole model, the image's top edge
/// along the pose's yaw, the principal point moved along the yaw by the small tilt left. Pure and thread-safe.
/// Errors of the model: a tilt of t degrees left uncorrected across the frame stretches its far edge by about
/// tan(t) x half the field of view; terrain relief r shifts points by r / height of the footprint's radius.
/// </summary>
public static class NadirGeoreference
{
    /// <summary>
    /// Largest angle between the camera axis and straight down that is still treated as a map-like view, degrees.
    /// Beyond it one GSD for the whole frame is wrong by more than about 15% from edge to edge.
    /// </summary>
    public const double MaxOffNadirDeg = 10;

    /// <summary>
    /// The footprint, geotransform and GSD of a picture taken from <paramref name="pose"/>.
    /// Throws <see cref="ArgumentException"/> with a sentence a user can act on when the pose cannot be used: height
    /// unknown or not positive, yaw or pitch unknown, or pitch more than <see cref="MaxOffNadirDeg"/> from nadir.
    /// </summary>
    /// <param name="pose">Camera position (WGS 84), height above ground, yaw of the image's top edge, pitch.</param>
    /// <param name="optics">Focal length and sensor size.</param>
    /// <param name="widthPixels">Image width as stored (columns).</param>
    /// <param name="heightPixels">Image height as stored (rows).</param>
    /// <param name="zone">The UTM zone to work in; null takes the zone that contains the camera.</param>
    public static GroundFootprint Compute(
        CameraPose pose, CameraOptics optics, int widthPixels, int heightPixels, UtmZone? zone = null)
    {
        ArgumentNullException.ThrowIfNull(pose);
        ArgumentNullException.ThrowIfNull(optics);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthPixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightPixels);
        optics.Validate();
        if (pose.HeightAboveGroundMeters is not { } height || !(height > 0))
        {
            throw new ArgumentException(
                "height above ground is unknown or not positive: give it with --altitude-agl (metres)");
        }

        if (pose.PitchDeg is not { } pitch)
        {
            throw new ArgumentException("camera pitch is unknown: cannot tell a nadir picture from an oblique one");
        }

        var offNadir = Math.Abs(pitch + 90);
        if (offNadir > MaxOffNadirDeg)
        {
            throw new ArgumentException(
                $"oblique picture: camera pitch {pitch:0.#}° is {offNadir:0.#}° from straight down (at most {MaxOffNadirDeg}° allowed)");
        }

        if (pose.YawDeg is not { } yaw)
        {
            throw new ArgumentException("camera yaw is unknown: cannot orient the picture on the ground");
        }

        zone ??= UtmZone.Containing(pose.LongitudeDeg, pose.LatitudeDeg);
        var (easting, northing) = zone.Forward(pose.LongitudeDeg, pose.LatitudeDeg);
        var yawRadians = yaw * Math.PI / 180;
        var (sin, cos) = Math.SinCos(yawRadians);

        // A camera pitched above -90 looks ahead of the drone, towards the image's top edge.
        var lead = height * Math.Tan((pitch + 90) * Math.PI / 180);
        var centerEasting = easting + lead * sin;
        var centerNorthing = northing + lead * cos;

        var gsd = optics.GsdMeters(height, widthPixels);

        // Columns run along the heading plus 90° (right), rows along the heading plus 180° (down).
        var pixelWidth = gsd * cos;
        var columnRotation = -gsd * sin;
        var rowRotation = -gsd * sin;
        var pixelHeight = -gsd * cos;
        var originX = centerEasting - widthPixels / 2.0 * pixelWidth - heightPixels / 2.0 * rowRotation;
        var originY = centerNorthing - widthPixels / 2.0 * columnRotation - heightPixels / 2.0 * pixelHeight;
        var transform = new GeoTransform(originX, pixelWidth, rowRotation, originY, columnRotation, pixelHeight);
        return new GroundFootprint(zone, transform, widthPixels, heightPixels, gsd);
    }
}
