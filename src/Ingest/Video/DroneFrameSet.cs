using System.Globalization;
using Vigil.Core;
using Vigil.Ingest.Photos;

namespace Vigil.Ingest.Video;

/// <summary>
/// Turns sampled drone frames into georeferenced pictures for the orthophoto reader, through the same footprint path as
/// drone photos (<see cref="DronePhotoSet.Georeference"/>): the pose comes from the track (position, height above
/// take-off, gimbal yaw and pitch), the optics from a horizontal field of view, since a video carries no EXIF. Oblique
/// frames are rejected one by one, like oblique photos. Thread-safe.
/// </summary>
public static class DroneFrameSet
{
    /// <summary>
    /// Georeferences the drone frames among <paramref name="frames"/> (street frames are left out) into VRTs in
    /// <paramref name="workDirectory"/>. Frames whose track gives no gimbal pitch are taken as looking straight down
    /// when <see cref="DroneFrameOptions.AssumeNadirWithoutPitch"/>, else left out; either is recorded once per video.
    /// </summary>
    /// <returns>The georeferenced frames, in input order; their footprints share the zone of the first.</returns>
    public static IReadOnlyList<PreparedPhoto> Prepare(
        IReadOnlyList<SampledFrame> frames, DroneFrameOptions options, string workDirectory, RejectionLog rejections)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rejections);
        options.Validate();
        var pictures = new List<PhotoMetadata>();
        foreach (var video in frames.Where(f => f.Camera == CameraKind.Drone).GroupBy(f => f.VideoPath))
        {
            var withoutPitch = video.Count(f => f.Pose.PitchDeg is null);
            if (withoutPitch > 0)
            {
                rejections.Add(video.Key, options.AssumeNadirWithoutPitch
                    ? Invariant($"its track gives no gimbal pitch: {withoutPitch} frame(s) taken as looking straight down (--camera drone)")
                    : Invariant($"its track gives no gimbal pitch: {withoutPitch} drone frame(s) not georeferenced, since nothing tells them from oblique ones; pass --camera drone if the camera looked straight down"));
            }

            pictures.AddRange(video
                .Where(f => f.Pose.PitchDeg is not null || options.AssumeNadirWithoutPitch)
                .Select(f => Picture(f, options)));
        }

        return DronePhotoSet.Georeference(pictures, options.AltitudeAglMeters, workDirectory, rejections);
    }

    private static PhotoMetadata Picture(SampledFrame frame, DroneFrameOptions options) => new(
        frame.JpegPath,
        frame.Pose with { PitchDeg = frame.Pose.PitchDeg ?? -90 },
        CameraOptics.FromHorizontalFieldOfView(options.HorizontalFieldOfViewDeg, frame.WidthPixels, frame.HeightPixels),
        frame.WidthPixels,
        frame.HeightPixels,
        GpsAltitudeMeters: null,
        CameraModel: $"video {Path.GetFileName(frame.VideoPath)}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
