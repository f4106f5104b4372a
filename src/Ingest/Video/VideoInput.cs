namespace Vigil.Ingest.Video;

/// <summary>A video and the GPS track that geotags it.</summary>
/// <param name="VideoPath">The video (MP4/MOV/anything FFmpeg reads).</param>
/// <param name="TrackPath">Its track (DJI .SRT, GPX, NMEA, GoPro .raw); null when the video carries its own GoPro telemetry.</param>
public sealed record VideoInput(string VideoPath, string? TrackPath);
