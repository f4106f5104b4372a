using Vigil.Core;

namespace Vigil.Detect.Tests;

/// <summary>
/// A test raster held in memory, cut into tiles exactly as the orthophoto reader cuts rasters. Red is what the test
/// models read as building extent, green what the separation test model reads as the band between touching buildings.
/// </summary>
internal sealed class SyntheticScene(int width, int height, double gsdMeters)
{
    private readonly byte[] _red = new byte[width * height];
    private readonly byte[] _green = new byte[width * height];

    public RasterGrid Grid(int tileSize, int overlap)
    {
        var stride = tileSize - 2 * overlap;
        return new RasterGrid(GeoTransform.NorthUp(500000, 9300000, gsdMeters), new UtmZone(37, false), width, height,
            (width + stride - 1) / stride, (height + stride - 1) / stride);
    }

    /// <summary>Paints a bright axis-aligned rectangle [x0,x1) x [y0,y1) in pixels.</summary>
    public void Fill(int x0, int y0, int x1, int y1, byte value = 255) => Paint(_red, x0, y0, x1, y1, value);

    /// <summary>Paints the separation band (green) over the rectangle [x0,x1) x [y0,y1) in pixels.</summary>
    public void Band(int x0, int y0, int x1, int y1) => Paint(_green, x0, y0, x1, y1, 255);

    private void Paint(byte[] plane, int x0, int y0, int x1, int y1, byte value)
    {
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                plane[y * width + x] = value;
            }
        }
    }

    public List<GeoTile> Tiles(int tileSize, int overlap)
    {
        var grid = Grid(tileSize, overlap);
        var stride = tileSize - 2 * overlap;
        var tiles = new List<GeoTile>();
        for (var row = 0; row < grid.TilesDown; row++)
        {
            for (var column = 0; column < grid.TilesAcross; column++)
            {
                var core = new PixelRect(column * stride, row * stride,
                    Math.Min((column + 1) * stride, width), Math.Min((row + 1) * stride, height));
                var window = new PixelRect(Math.Max(0, core.X0 - overlap), Math.Max(0, core.Y0 - overlap),
                    Math.Min(width, core.X1 + overlap), Math.Min(height, core.Y1 + overlap));
                var rgb = new byte[window.Width * window.Height * 3];
                var valid = new byte[window.Width * window.Height];
                for (var y = 0; y < window.Height; y++)
                {
                    for (var x = 0; x < window.Width; x++)
                    {
                        var i = y * window.Width + x;
                        rgb[3 * i] = _red[(window.Y0 + y) * width + window.X0 + x];
                        rgb[3 * i + 1] = _green[(window.Y0 + y) * width + window.X0 + x];
                        valid[i] = 255;
                    }
                }

                tiles.Add(new GeoTile("synthetic.tif", grid, column, row, window, core, rgb, valid));
            }
        }

        return tiles;
    }
}
