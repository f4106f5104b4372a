namespace Vigil.Core;

/// <summary>
/// The lens and sensor of a frame camera, as a pinhole: focal length and sensor size in millimetres, sensor axes
/// along the image's columns (width) and rows (height). Immutable and thread-safe.
/// </summary>
/// <param name="FocalLengthMm">Real focal length, millimetres.</param>
/// <param name="SensorWidthMm">Sensor extent along the image's width (columns), millimetres.</param>
/// <param name="SensorHeightMm">Sensor extent along the image's height (rows), millimetres.</param>
public sealed record CameraOptics(double FocalLengthMm, double SensorWidthMm, double SensorHeightMm)
{
    /// <summary>Diagonal of the 36 x 24 mm frame that "35 mm equivalent" focal lengths refer to, millimetres.</summary>
    public const double FullFrameDiagonalMm = 43.2666153;

    /// <summary>
    /// Optics from a 35 mm equivalent focal length (EXIF FocalLengthIn35mmFilm), which by definition scales the
    /// sensor diagonal to 43.27 mm: the field of view is exact whatever the real focal length.
    /// </summary>
    /// <param name="focalLength35MmEquivalent">35 mm equivalent focal length, millimetres.</param>
    /// <param name="widthPixels">Image width; with the height it gives the sensor's aspect ratio.</param>
    /// <param name="heightPixels">Image height.</param>
    public static CameraOptics From35MmEquivalent(double focalLength35MmEquivalent, int widthPixels, int heightPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(focalLength35MmEquivalent);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthPixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightPixels);
        var diagonalPixels = Math.Sqrt((double)widthPixels * widthPixels + (double)heightPixels * heightPixels);
        return new CameraOptics(
            focalLength35MmEquivalent,
            FullFrameDiagonalMm * widthPixels / diagonalPixels,
            FullFrameDiagonalMm * heightPixels / diagonalPixels);
    }

    /// <summary>
    /// Optics from the horizontal field of view across the image's width (video frames, which carry no EXIF): a pinhole
    /// with a nominal 10 mm focal length and the sensor width that gives that angle, square pixels. Only the angle and
    /// the aspect ratio matter to the footprint.
    /// </summary>
    /// <param name="horizontalFieldOfViewDeg">Angle between the image's left and right edges, degrees, in (0, 180).</param>
    /// <param name="widthPixels">Image width.</param>
    /// <param name="heightPixels">Image height.</param>
    public static CameraOptics FromHorizontalFieldOfView(double horizontalFieldOfViewDeg, int widthPixels, int heightPixels)
    {
        if (!(horizontalFieldOfViewDeg > 0 && horizontalFieldOfViewDeg < 180))
        {
            throw new ArgumentOutOfRangeException(nameof(horizontalFieldOfViewDeg), horizontalFieldOfViewDeg,
                "A horizontal field of view lies between 0 and 180 degrees.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(widthPixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(heightPixels);
        const double NominalFocalLengthMm = 10;
        var sensorWidthMm = 2 * NominalFocalLengthMm * Math.Tan(horizontalFieldOfViewDeg * Math.PI / 360);
        return new CameraOptics(NominalFocalLengthMm, sensorWidthMm, sensorWidthMm * heightPixels / widthPixels);
    }

    /// <summary>Horizontal field of view across the image's width, degrees.</summary>
    public double HorizontalFieldOfViewDeg => 2 * Math.Atan(SensorWidthMm / (2 * FocalLengthMm)) * 180 / Math.PI;

    /// <summary>Ground sample distance of a nadir image of <paramref name="widthPixels"/> columns taken from a height, metres per pixel.</summary>
    public double GsdMeters(double heightAboveGroundMeters, int widthPixels) =>
        heightAboveGroundMeters * SensorWidthMm / (FocalLengthMm * widthPixels);

    /// <summary>Throws <see cref="ArgumentException"/> when a dimension is not a positive finite number.</summary>
    public void Validate()
    {
        if (!(FocalLengthMm > 0 && SensorWidthMm > 0 && SensorHeightMm > 0) ||
            !double.IsFinite(FocalLengthMm + SensorWidthMm + SensorHeightMm))
        {
            throw new ArgumentException(
                $"Camera optics need a positive focal length and sensor size (got {FocalLengthMm} mm, {SensorWidthMm} x {SensorHeightMm} mm).");
        }
    }
}
