using System.Globalization;
using Vigil.Ingest.Video;
using Vigil.Ledger.Language;
using Vigil.Runs.Flights;

namespace Vigil.Runs.Video;

/// <summary>The end-of-run summary of a video run, line by line, as <c>vigil run</c> prints it.</summary>
public static class VideoSummary
{
    /// <summary>Frames, georeferencing of drone frames, their detection, street evidence, files and rejections.</summary>
    public static IEnumerable<string> Lines(VideoRunResult result, OfficeText text)
    {
        ArgumentNullException.ThrowIfNull(result);
        yield return $"flight {result.FlightId} in {result.Elapsed.TotalSeconds:F1} s";
        yield return $"frames {result.Frames.Count}: street {result.StreetFrames}, drone {result.DroneFrames} in {result.EvidenceFolder}";
        if (result.DroneFrames > 0)
        {
            var optics = result.DroneOptics;
            var fov = optics.HorizontalFieldOfViewDeg.ToString("0.#", CultureInfo.InvariantCulture);
            yield return
                $"drone frames georeferenced: {result.GeoreferencedFrames.Count} of {result.DroneFrames}, horizontal field of view {fov}°" +
                (optics.HorizontalFieldOfViewDeg == DroneFrameOptions.DefaultHorizontalFieldOfViewDeg ? " (DJI default; --hfov-deg for another camera)" : "") +
                (optics.AltitudeAglMeters is { } agl ? $", height {agl.ToString("0.#", CultureInfo.InvariantCulture)} m (--altitude-agl)" : ", height from the track (above take-off)") +
                (optics.AssumeNadirWithoutPitch ? ", looking straight down where the track gives no gimbal pitch (--camera drone)" : "");
        }

        if (result.Detection is { } detection)
        {
            yield return $"drone frames in {detection.WorkingCrs.EpsgName}:";
            foreach (var line in FlightSummary.Detection(detection, text))
            {
                yield return line;
            }
        }

        yield return result.Attached.Count == 0
            ? "street frames attached: none"
            : $"street frames attached: {string.Join(", ", result.Attached.GroupBy(a => a.Number).Select(g => $"{g.Key} ({g.Count()})"))}";
        if (result.Street is { } street)
        {
            yield return $"street model: {street.Matches.Count} sightings, {street.Corroborating} corroborate open cases " +
                $"({street.Attached.Count} newly attached), {street.Candidates} candidates: {street.GeoJsonPath}";
        }

        yield return $"frames: {result.FramesGeoJsonPath}";
        foreach (var line in FlightSummary.Rejected(result.Rejections))
        {
            yield return line;
        }
    }
}
