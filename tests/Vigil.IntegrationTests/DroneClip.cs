using System.Diagnostics;
using System.Globalization;
using System.Text;
using Vigil.Core;

namespace Vigil.IntegrationTests;

/// <summary>
/// A drone video made from real nadir photos with ffmpeg, one photo a second, and its DJI SRT written in the
/// Phantom 4 style ("inline": GPS, H, F.PRY, G.PRY) from the photos' own positions and gimbal angles: the SRT files in
/// ../shared/data have no videos, and these photos have no video.
/// </summary>
internal static class DroneClip
{
    public const string Ffmpeg = "/usr/bin/ffmpeg";

    /// <summary>Encodes the photos, in order, as an H.264 clip at 1 frame per second, <paramref name="widthPixels"/> wide.</summary>
    public static string Encode(string path, IReadOnlyList<string> photos, int widthPixels)
    {
        if (!File.Exists(Ffmpeg))
        {
            Assert.Fail($"{Ffmpeg} is missing: install it with 'apt-get install ffmpeg' (scripts/setup.sh does).");
        }

        var frames = Directory.CreateDirectory(path + ".frames").FullName;
        for (var i = 0; i < photos.Count; i++)
        {
            File.CreateSymbolicLink(Path.Combine(frames, $"{i:D3}.jpg"), photos[i]);
        }

        var start = new ProcessStartInfo(Ffmpeg)
        {
            RedirectStandardError = true,
            ArgumentList =
            {
                "-v", "error", "-y", "-framerate", "1", "-i", Path.Combine(frames, "%03d.jpg"),
                "-vf", $"scale={widthPixels}:-2", "-c:v", "libx264", "-preset", "veryfast", "-crf", "16",
                "-pix_fmt", "yuv420p", "-r", "1", path,
            },
        };
        using var ffmpeg = Process.Start(start)!;
        var errors = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        Assert.True(ffmpeg.ExitCode == 0, $"ffmpeg failed ({ffmpeg.ExitCode}): {errors}");
        return path;
    }

    /// <summary>
    /// Writes a DJI SRT with one record a second, at the start of each photo's second: its position, the height above
    /// take-off, and its gimbal pitch and yaw. A last record repeats the last pose at the clip's end.
    /// </summary>
    public static string WriteSrt(string path, IReadOnlyList<CameraPose> poses, double heightMeters)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        for (var i = 0; i <= poses.Count; i++)
        {
            var pose = poses[Math.Min(i, poses.Count - 1)];
            text.Append(inv, $"{i + 1}\n00:00:{i:D2},000 --> 00:00:{i + 1:D2},000\n");
            text.Append(inv, $"F/2.8, SS 400, ISO 100, EV 0, GPS ({pose.LongitudeDeg:F7}, {pose.LatitudeDeg:F7}, 15), ");
            text.Append(inv, $"D 0.00m, H {heightMeters:F2}m, H.S 0.00m/s, V.S 0.00m/s, ");
            text.Append(inv, $"F.PRY (0.0°, 0.0°, {pose.YawDeg:F1}°), G.PRY ({pose.PitchDeg:F1}°, 0.0°, {pose.YawDeg:F1}°)\n\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }
}
