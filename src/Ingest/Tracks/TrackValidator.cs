using System.Globalization;

namespace Vigil.Ingest.Tracks;

/// <summary>
/// Checks that a track can geotag frames: time strictly increasing, no gap longer than the limit, no jump faster than
/// the limit. The first fault found is thrown as an <see cref="InputException"/> naming the file, the point (1-based)
/// and the times.
/// </summary>
public static class TrackValidator
{
    /// <summary>Throws <see cref="InputException"/> on the first fault of <paramref name="track"/>.</summary>
    public static void Validate(GpsTrack track, TrackLimits limits)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(limits);
        var fixes = track.Fixes;
        var windowStart = 0;
        for (var i = 1; i < fixes.Count; i++)
        {
            var previous = fixes[i - 1].TrackTime;
            var current = fixes[i].TrackTime;
            if (current < previous)
            {
                throw new InputException(track.SourcePath,
                    $"time goes backwards at point {i + 1} ({Clock(fixes[i])} after {Clock(fixes[i - 1])})");
            }

            if (current == previous)
            {
                throw new InputException(track.SourcePath,
                    $"time does not advance at point {i + 1} ({Clock(fixes[i])} twice)");
            }

            var gap = (current - previous).TotalSeconds;
            if (gap > limits.MaxGapSeconds)
            {
                throw new InputException(track.SourcePath, Invariant(
                    $"gap of {gap:F1} s between points {i} and {i + 1} ({Clock(fixes[i - 1])} to {Clock(fixes[i])}); the limit is {limits.MaxGapSeconds:F0} s"));
            }

            // The speed is measured from the latest fix at least the window before this one, so quantised positions
            // written many times a second do not read as jumps.
            while (windowStart < i - 1 &&
                   (current - fixes[windowStart + 1].TrackTime).TotalSeconds >= TrackLimits.MinSpeedWindowSeconds)
            {
                windowStart++;
            }

            var from = (current - fixes[windowStart].TrackTime).TotalSeconds >= TrackLimits.MinSpeedWindowSeconds
                ? windowStart
                : i - 1;
            var meters = track.StepMeters(from, i);
            var seconds = Math.Max((current - fixes[from].TrackTime).TotalSeconds, TrackLimits.MinSpeedWindowSeconds);
            if (meters / seconds > limits.MaxSpeedMetersPerSecond)
            {
                throw new InputException(track.SourcePath, Invariant(
                    $"jump of {meters:F0} m in {(current - fixes[from].TrackTime).TotalSeconds:F2} s at point {i + 1} ({Clock(fixes[i])}), faster than {limits.MaxSpeedMetersPerSecond:F0} m/s"));
            }
        }
    }

    private static string Clock(GpsFix fix) => fix.ClockTime is { } clock
        ? clock.ToString(clock.Millisecond == 0 ? "HH:mm:ss" : "HH:mm:ss.fff", CultureInfo.InvariantCulture)
        : fix.TrackTime.ToString(@"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
