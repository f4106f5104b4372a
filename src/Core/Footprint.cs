using NetTopologySuite.Geometries;

namespace Vigil.Core;

/// <summary>
/// A detected building outline, whole (merged across tile seams), in the flight's working CRS (UTM metres).
/// </summary>
/// <param name="Outline">Polygon (with holes) in the working CRS.</param>
/// <param name="Confidence">Mean building probability inside the outline, 0..1.</param>
/// <param name="SourcePath">The raster it was detected in.</param>
public sealed record Footprint(Polygon Outline, double Confidence, string SourcePath)
{
    /// <summary>Area in square metres.</summary>
    public double AreaSquareMeters => Outline.Area;
}
