namespace Vigil.Core;

/// <summary>A geotagged street-level picture (a sampled dashcam frame) that may show a case.</summary>
/// <param name="ImagePath">The JPEG, absolute path.</param>
/// <param name="Pose">Where the camera was and which way it looked; a frame without a heading never counts as facing.</param>
public sealed record StreetFrame(string ImagePath, CameraPose Pose);
