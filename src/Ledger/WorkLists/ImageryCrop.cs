using NetTopologySuite.Geometries;

namespace Vigil.Ledger.WorkLists;

/// <summary>A picture cut out of a raster by an <see cref="IImagerySource"/>.</summary>
/// <param name="WidthPixels">Width of the picture.</param>
/// <param name="HeightPixels">Height of the picture.</param>
/// <param name="Bgr">8-bit blue, green, red, interleaved, row-major: WidthPixels x HeightPixels x 3 bytes.</param>
/// <param name="ToPixels">Maps a lon/lat geometry (EPSG:4326) to the picture's pixel coordinates (x right, y down).</param>
public sealed record ImageryCrop(int WidthPixels, int HeightPixels, byte[] Bgr, Func<Geometry, Geometry> ToPixels);
