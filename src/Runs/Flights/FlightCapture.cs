using System.Globalization;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;
using Vigil.Ingest.Tracks;
using Vigil.Ingest.Video;
using Vigil.Runs.Inputs;

namespace Vigil.Runs.Flights;

/// <summary>
/// When a flight's imagery was captured: its cases' first and last seen, the day on charts and deadlines. Taken from
/// <c>--captured-on</c>, else the imagery's own metadata (the earliest of its inputs: photos' EXIF or track time,
/// rasters' acquisition or TIFF time, videos' creation time), else the inputs' file time, which the summary and the
/// flight's record then say.
/// </summary>
/// <param name="CapturedUtc">The capture time, UTC.</param>
/// <param name="Source">Where it came from, as written in the flight's record.</param>
/// <param name="FromImagery">False when neither the user nor the imagery gave it (the file time stands in).</param>
public sealed record FlightCapture(DateTimeOffset CapturedUtc, string Source, bool FromImagery)
{
    /// <summary>The source named when the user gave the time.</summary>
    public const string GivenSource = "--captured-on";

    /// <summary>One line for the summary when the imagery holds no capture time; null otherwise.</summary>
    public string? Note => FromImagery
        ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"the imagery holds no capture time: cases are dated {CapturedUtc:yyyy-MM-dd} from the {Source}; give --captured-on YYYY-MM-DD for the flight's day");

    /// <summary>A date or time the user gave ("2025-01-15", "2025-01-15T09:30:00Z"), UTC when no zone is given; null when it is none.</summary>
    public static DateTimeOffset? Parse(string text) => CaptureTimeReader.Parse(text);

    /// <summary>Resolves the capture time of prepared inputs; <paramref name="capturedOn"/> wins when given.</summary>
    internal static FlightCapture Resolve(DateTimeOffset? capturedOn, PhotoInputs inputs)
    {
        if (capturedOn is { } given)
        {
            return new FlightCapture(given.ToUniversalTime(), GivenSource, true);
        }

        var found = new List<(DateTimeOffset At, string Source)>();
        foreach (var photo in inputs.Photos)
        {
            if (photo.Metadata.Pose.CapturedUtc is { } at)
            {
                found.Add((at, $"capture time of {Path.GetFileName(photo.PhotoPath)} (EXIF or track)"));
            }
        }

        foreach (var raster in inputs.Rasters.Except(inputs.Photos.Select(p => p.RasterPath)))
        {
            try
            {
                if (CaptureTimeReader.Read(raster) is var (at, item))
                {
                    found.Add((at, $"{item} of {Path.GetFileName(raster)}"));
                }
            }
            catch (InputException)
            {
                // The reader rejects an unreadable input by name when it reaches it.
            }
        }

        foreach (var video in inputs.Files.Where(f => TrackReader.VideoExtensions.Contains(Path.GetExtension(f))))
        {
            try
            {
                if (VideoCreationTime.Read(video) is { } at)
                {
                    found.Add((at, $"creation time of {Path.GetFileName(video)}"));
                }
            }
            catch (InputException)
            {
                // The video was sampled already; a header that cannot be read leaves the time to the other sources.
            }
        }

        if (found.Count > 0)
        {
            var earliest = found.MinBy(f => f.At);
            return new FlightCapture(earliest.At, earliest.Source, true);
        }

        var file = inputs.Files.Where(File.Exists).MinBy(File.GetLastWriteTimeUtc);
        return file is null
            ? new FlightCapture(DateTimeOffset.UtcNow, "processing time (no input file to date)", false)
            : new FlightCapture(new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero),
                $"file time of {Path.GetFileName(file)}", false);
    }
}
