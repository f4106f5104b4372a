namespace Vigil.Ingest.Tracks;

/// <summary>What a track must satisfy before its fixes geotag frames.</summary>
/// <param name="MaxGapSeconds">Longest time between two fixes; a longer gap cannot be interpolated honestly.</param>
/// <param name="MaxSpeedMetersPerSecond">Fastest implied speed between two fixes; faster is a jump (a bad fix or two tracks spliced).</param>
public sealed record TrackLimits(double MaxGapSeconds = 10, double MaxSpeedMetersPerSecond = 70)
{
    /// <summary>
    /// Speed is measured over at least this long: DJI writes 4 to 5 decimals (1 to 10 m) 30 to 50 times a second, so
    /// the step between two records alone would imply absurd speeds.
    /// </summary>
    public const double MinSpeedWindowSeconds = 1.0;

    /// <summary>Throws <see cref="ArgumentException"/> when a limit is not positive.</summary>
    public void Validate()
    {
        if (!(MaxGapSeconds > 0))
        {
            throw new ArgumentException($"the largest gap between fixes must be positive, not {MaxGapSeconds} s");
        }

        if (!(MaxSpeedMetersPerSecond > 0))
        {
            throw new ArgumentException($"the highest speed must be positive, not {MaxSpeedMetersPerSecond} m/s");
        }
    }
}
