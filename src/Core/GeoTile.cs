namespace Vigil.Core;

/// <summary>
/// One window of an input raster, already resampled to the model's ground sample distance in the flight's working CRS
/// (a UTM zone), converted to 8-bit RGB. Message from Ingest to Detect.
/// </summary>
/// <param name="SourcePath">The input raster the window comes from.</param>
/// <param name="Grid">The whole resampled raster's grid: geotransform in the working CRS (metres), size in pixels, tiling.</param>
/// <param name="TileColumn">Column index of this tile in the raster's tile grid.</param>
/// <param name="TileRow">Row index of this tile in the raster's tile grid (tiles arrive in row-major order).</param>
/// <param name="Window">The pixels held, in the grid's global pixel coordinates (includes the overlap).</param>
/// <param name="Core">The pixels this tile owns, in global pixel coordinates: cores partition the raster without overlap.</param>
/// <param name="Rgb">Window.Height x Window.Width x 3 bytes, interleaved R, G, B, row-major.</param>
/// <param name="Valid">Window.Height x Window.Width bytes: 0 where nodata, alpha or outside the source, else 255.</param>
public sealed record GeoTile(
    string SourcePath,
    RasterGrid Grid,
    int TileColumn,
    int TileRow,
    PixelRect Window,
    PixelRect Core,
    byte[] Rgb,
    byte[] Valid)
{
    /// <summary>Share (0..1) of the core's pixels that hold valid data.</summary>
    public double ValidCoreShare()
    {
        long invalid = 0;
        for (var y = Core.Y0; y < Core.Y1; y++)
        {
            var row = (y - Window.Y0) * Window.Width + Core.X0 - Window.X0;
            invalid += Valid.AsSpan(row, Core.Width).Count((byte)0);
        }

        var valid = (long)Core.Width * Core.Height - invalid;
        var total = (long)Core.Width * Core.Height;
        return total == 0 ? 0 : (double)valid / total;
    }
}
