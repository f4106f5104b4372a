using Vigil.Core;

namespace Vigil.Ingest.Rasters;

/// <summary>How orthophotos are resampled and cut into tiles for the detector.</summary>
/// <param name="GsdMeters">Target ground sample distance in metres per pixel (from the model card); &gt; 0.</param>
/// <param name="WorkingCrs">The flight's working CRS; every grid is north-up in this UTM zone.</param>
/// <param name="TileSizePixels">Largest tile window side in pixels, overlap included.</param>
/// <param name="OverlapPixels">Context added on each side of a tile's core; 2 x overlap &lt; tile size.</param>
public sealed record TilingOptions(
    double GsdMeters,
    UtmZone WorkingCrs,
    int TileSizePixels = 512,
    int OverlapPixels = 32)
{
    /// <summary>Distance between the origins of neighbouring tile cores: TileSizePixels - 2 x OverlapPixels.</summary>
    public int StridePixels => TileSizePixels - 2 * OverlapPixels;

    /// <summary>What an input may claim before any pixel is read (<see cref="RasterLimits"/>).</summary>
    public RasterLimits Limits { get; init; } = RasterLimits.Default;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(WorkingCrs);
        if (!(GsdMeters > 0) || double.IsInfinity(GsdMeters))
        {
            throw new ArgumentException($"GsdMeters must be a positive number of metres, not {GsdMeters}.");
        }

        if (WorkingCrs.Zone is < 1 or > 60)
        {
            throw new ArgumentException($"WorkingCrs zone must be 1..60, not {WorkingCrs.Zone}.");
        }

        if (OverlapPixels < 0)
        {
            throw new ArgumentException($"OverlapPixels must be >= 0, not {OverlapPixels}.");
        }

        if (2 * OverlapPixels >= TileSizePixels)
        {
            throw new ArgumentException(
                $"2 x OverlapPixels ({2 * OverlapPixels}) must be smaller than TileSizePixels ({TileSizePixels}).");
        }
    }
}
