namespace Vigil.Runs;

/// <summary>A progress sample of a running flight.</summary>
/// <param name="TilesDone">Tiles segmented so far.</param>
/// <param name="TilesExpected">Estimated tiles in all inputs (from their sizes and GSD).</param>
/// <param name="Elapsed">Time since the pipeline started.</param>
public sealed record RunProgress(int TilesDone, int TilesExpected, TimeSpan Elapsed)
{
    /// <summary>Tiles per second so far.</summary>
    public double TilesPerSecond => Elapsed.TotalSeconds > 0 ? TilesDone / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time left, or null before the first tile.</summary>
    public TimeSpan? Remaining => TilesPerSecond > 0
        ? TimeSpan.FromSeconds(Math.Max(0, TilesExpected - TilesDone) / TilesPerSecond)
        : null;
}
