using Vigil.Core;

namespace Vigil.Ingest.Video;

/// <summary>
/// One frame taken from a video and geotagged from its track: the entry point for both the evidence path (street
/// level) and the footprint path of drone frames, which treats a frame with a height like a drone photo.
/// </summary>
/// <param name="JpegPath">The frame written as JPEG, absolute path.</param>
/// <param name="Pose">Where the camera was and looked; a height above ground only for <see cref="CameraKind.Drone"/>.</param>
/// <param name="MediaTime">The frame's time in the video.</param>
/// <param name="VideoPath">The video it comes from, as given.</param>
/// <param name="Camera">Drone or dashcam (never <see cref="CameraKind.Auto"/>).</param>
/// <param name="DistanceAlongTrackMeters">Distance travelled along the track from its first fix, metres.</param>
/// <param name="WidthPixels">Frame width as written.</param>
/// <param name="HeightPixels">Frame height as written.</param>
public sealed record SampledFrame(
    string JpegPath,
    CameraPose Pose,
    TimeSpan MediaTime,
    string VideoPath,
    CameraKind Camera,
    double DistanceAlongTrackMeters,
    int WidthPixels,
    int HeightPixels);
