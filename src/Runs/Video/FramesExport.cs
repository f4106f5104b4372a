using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Vigil.Core;
using Vigil.Ingest.Video;

namespace Vigil.Runs.Video;

/// <summary>Writes sampled frames as GeoJSON points (EPSG:4326) with their pose, for QGIS.</summary>
public static class FramesExport
{
    /// <summary>Writes the frames to <paramref name="path"/>.</summary>
    public static void Write(IReadOnlyList<SampledFrame> frames, string path)
    {
        var collection = new FeatureCollection();
        foreach (var f in frames)
        {
            collection.Add(new Feature(new Point(f.Pose.LongitudeDeg, f.Pose.LatitudeDeg), new AttributesTable
            {
                { "image", f.JpegPath },
                { "video", Path.GetFullPath(f.VideoPath) },
                { "media_time_s", Math.Round(f.MediaTime.TotalSeconds, 3) },
                { "camera", f.Camera == CameraKind.Drone ? "drone" : "dashcam" },
                { "heading_deg", f.Pose.YawDeg is { } yaw ? Math.Round(yaw, 1) : null },
                { "pitch_deg", f.Pose.PitchDeg is { } pitch ? Math.Round(pitch, 1) : null },
                { "height_m", f.Pose.HeightAboveGroundMeters is { } h ? Math.Round(h, 1) : null },
                { "captured", f.Pose.CapturedUtc?.ToString("O") },
                { "distance_m", Math.Round(f.DistanceAlongTrackMeters, 1) },
            }));
        }

        var options = new JsonSerializerOptions { WriteIndented = false, Encoder = ReadableJson.Encoder };
        options.Converters.Add(new GeoJsonConverterFactory());
        File.WriteAllText(path, JsonSerializer.Serialize(collection, options));
    }
}
