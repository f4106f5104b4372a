using Vigil.Core;

namespace Vigil.Ingest.Photos;

/// <summary>What a drone photo's EXIF, DJI maker notes and DJI XMP say about how it was taken.</summary>
/// <param name="Path">The photo.</param>
/// <param name="Pose">
/// Camera pose: WGS 84 position from EXIF GPS; height above ground from DJI XMP RelativeAltitude when present (EXIF
/// GPS altitude is above sea level or a take-off reference, never above the ground below), else null; yaw and pitch
/// from DJI XMP gimbal tags, else the DJI maker notes.
/// </param>
/// <param name="Optics">Camera optics from the EXIF focal lengths.</param>
/// <param name="WidthPixels">Image width as stored.</param>
/// <param name="HeightPixels">Image height as stored.</param>
/// <param name="GpsAltitudeMeters">EXIF GPS altitude, metres, as written (often unreliable); null when absent.</param>
/// <param name="CameraModel">EXIF make and model, e.g. "DJI FC350".</param>
public sealed record PhotoMetadata(
    string Path,
    CameraPose Pose,
    CameraOptics Optics,
    int WidthPixels,
    int HeightPixels,
    double? GpsAltitudeMeters,
    string CameraModel);
