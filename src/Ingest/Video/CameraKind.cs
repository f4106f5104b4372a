namespace Vigil.Ingest.Video;

/// <summary>What carried the camera of a video, which decides where its frames go.</summary>
public enum CameraKind
{
    /// <summary>Decide from the track: DJI telemetry or a height above take-off means a drone, anything else a vehicle.</summary>
    Auto,

    /// <summary>A drone: frames carry a height and go to the footprint path with the drone photos.</summary>
    Drone,

    /// <summary>A vehicle or a walker at street level (no height, oblique view): frames are kept as evidence.</summary>
    Dashcam,
}
