using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Exif.Makernotes;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Xmp;
using Vigil.Core;

namespace Vigil.Ingest.Photos;

/// <summary>
/// Reads a drone photo's pose and optics with MetadataExtractor: EXIF GPS, focal lengths and orientation, DJI XMP
/// (drone-dji:RelativeAltitude, GimbalPitchDegree, GimbalYawDegree, FlightYawDegree) and, without XMP, the DJI maker
/// notes. Thread-safe.
/// </summary>
public static class PhotoMetadataReader
{
    private const string DjiXmpPrefix = "drone-dji:";

    // EXIF orientation 1: the stored rows are the picture as taken; the pose's yaw refers to the stored top edge.
    private const int OrientationNormal = 1;

    /// <summary>
    /// Reads the metadata; throws <see cref="InputException"/> naming the file when it is unreadable, has no GPS
    /// position, no usable focal length, or is stored rotated (EXIF orientation other than normal).
    /// </summary>
    public static PhotoMetadata Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            directories = ImageMetadataReader.ReadMetadata(path);
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, $"not a readable photo: {ex.Message}", ex);
        }

        var gps = directories.OfType<GpsDirectory>().FirstOrDefault();
        var location = gps?.GetGeoLocation();
        if (gps is null || location is null || location.IsZero)
        {
            throw new InputException(path, "photo without GPS position (no EXIF GPSLatitude/GPSLongitude)");
        }

        var (width, height) = ImageSize(directories)
            ?? throw new InputException(path, "photo without image dimensions");
        var ifd0 = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
        if (ifd0 is not null && ifd0.TryGetInt32(ExifDirectoryBase.TagOrientation, out var orientation) &&
            orientation != OrientationNormal)
        {
            throw new InputException(path, $"photo stored rotated (EXIF orientation {orientation}); only orientation 1 is supported");
        }

        var subIfd = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
        var optics = Optics(subIfd, width, height)
            ?? throw new InputException(path, "photo without a focal length (EXIF FocalLength or FocalLengthIn35mmFilm)");

        IDictionary<string, string> xmp = directories.OfType<XmpDirectory>().FirstOrDefault()?.GetXmpProperties()
            ?? new Dictionary<string, string>();
        var dji = directories.OfType<DjiMakernoteDirectory>().FirstOrDefault();
        var gpsAltitude = gps.TryGetRational(GpsDirectory.TagAltitude, out var altitude) ? altitude.ToDouble() : (double?)null;
        if (gpsAltitude is { } a && gps.TryGetInt32(GpsDirectory.TagAltitudeRef, out var altitudeRef) && altitudeRef == 1)
        {
            gpsAltitude = -a;
        }

        var pose = new CameraPose(
            location.Longitude,
            location.Latitude,
            Xmp(xmp, "RelativeAltitude"),
            Yaw(xmp, dji),
            Xmp(xmp, "GimbalPitchDegree") ?? Maker(dji, DjiMakernoteDirectory.TagCameraPitch),
            CapturedUtc(subIfd, gps));
        var make = ifd0?.GetDescription(ExifDirectoryBase.TagMake)?.Trim();
        var model = ifd0?.GetDescription(ExifDirectoryBase.TagModel)?.Trim();
        return new PhotoMetadata(path, pose, optics, width, height, gpsAltitude, $"{make} {model}".Trim());
    }

    /// <summary>
    /// Heading of the image's top edge. DJI XMP GimbalYawDegree is that heading. The maker notes hold Euler angles
    /// of the gimbal, which at a pitch of -90° lock: yaw and roll then turn about the same axis and only their sum is
    /// the heading. On the Toledo Phantom 3 photos the sum lies within 1.5° of the aircraft's yaw on every photo and
    /// agrees with the image motion between consecutive photos, where the camera yaw alone is off by up to 180°.
    /// Roll is 0 on cameras that do not lock, so the sum is right for them as well.
    /// </summary>
    private static double? Yaw(IDictionary<string, string> xmp, DjiMakernoteDirectory? dji)
    {
        if ((Xmp(xmp, "GimbalYawDegree") ?? Xmp(xmp, "FlightYawDegree")) is { } xmpYaw)
        {
            return xmpYaw;
        }

        if (Maker(dji, DjiMakernoteDirectory.TagCameraYaw) is { } cameraYaw)
        {
            var sum = cameraYaw + (Maker(dji, DjiMakernoteDirectory.TagCameraRoll) ?? 0);
            return Math.IEEERemainder(sum, 360);
        }

        return Maker(dji, DjiMakernoteDirectory.TagAircraftYaw);
    }

    private static CameraOptics? Optics(ExifSubIfdDirectory? exif, int width, int height)
    {
        if (exif is null)
        {
            return null;
        }

        if (exif.TryGetInt32(ExifDirectoryBase.Tag35MMFilmEquivFocalLength, out var equivalent) && equivalent > 0)
        {
            return CameraOptics.From35MmEquivalent(equivalent, width, height);
        }

        // Without the 35 mm equivalent, the focal plane resolution gives the sensor size.
        if (exif.TryGetRational(ExifDirectoryBase.TagFocalLength, out var focal) && focal.ToDouble() > 0 &&
            exif.TryGetRational(ExifDirectoryBase.TagFocalPlaneXResolution, out var xResolution) && xResolution.ToDouble() > 0 &&
            exif.TryGetInt32(ExifDirectoryBase.TagFocalPlaneResolutionUnit, out var unit))
        {
            var millimetresPerUnit = unit switch { 2 => 25.4, 3 => 10.0, 4 => 1.0, _ => double.NaN };
            var pixelPitchMm = millimetresPerUnit / xResolution.ToDouble();
            if (double.IsFinite(pixelPitchMm))
            {
                return new CameraOptics(focal.ToDouble(), pixelPitchMm * width, pixelPitchMm * height);
            }
        }

        return null;
    }

    private static (int Width, int Height)? ImageSize(IReadOnlyList<MetadataExtractor.Directory> directories)
    {
        var jpeg = directories.OfType<JpegDirectory>().FirstOrDefault();
        return jpeg is not null && jpeg.TryGetInt32(JpegDirectory.TagImageWidth, out var w) &&
               jpeg.TryGetInt32(JpegDirectory.TagImageHeight, out var h) && w > 0 && h > 0
            ? (w, h)
            : null;
    }

    private static DateTimeOffset? CapturedUtc(ExifSubIfdDirectory? exif, GpsDirectory gps)
    {
        if (gps.TryGetGpsDate(out var gpsTime))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(gpsTime, DateTimeKind.Utc));
        }

        // DateTimeOriginal has no zone; DJI writes local time. Kept as if UTC, marked by being the best there is.
        return exif is not null && exif.TryGetDateTime(ExifDirectoryBase.TagDateTimeOriginal, out var local)
            ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Utc))
            : null;
    }

    private static double? Xmp(IDictionary<string, string> xmp, string name) =>
        xmp.TryGetValue(DjiXmpPrefix + name, out var text) &&
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static double? Maker(DjiMakernoteDirectory? dji, int tag) =>
        dji is not null && dji.TryGetDouble(tag, out var value) ? value : null;
}
