using NetTopologySuite.Geometries;

namespace Vigil.Detect;

/// <summary>
/// A building region found in one tile, in the raster grid's global pixel coordinates (x = column + 0.5 is a pixel
/// centre), with the probabilities summed over its pixels.
/// </summary>
/// <param name="Outline">Polygonal geometry in global pixel coordinates.</param>
/// <param name="ProbabilitySum">Sum of building probability over the region's pixels.</param>
/// <param name="PixelCount">Number of pixels in the region.</param>
/// <param name="SeamRuns">
/// The region's pixels on the tile's seam lines (edges shared with a neighbouring tile); empty for a region wholly
/// inside the tile's core.
/// </param>
internal sealed record PixelPiece(Geometry Outline, double ProbabilitySum, long PixelCount, IReadOnlyList<SeamRun> SeamRuns)
{
    /// <summary>True when the region reaches a tile edge shared with a neighbouring tile.</summary>
    public bool TouchesSeam => SeamRuns.Count > 0;
}
