using System.Threading.Channels;
using Vigil.Core;
using Vigil.Ingest.Rasters;

namespace Vigil.Ingest.Tests.Support;

/// <summary>Runs the tile reader through an in-memory channel and reassembles what comes out.</summary>
public static class TileRun
{
    public static async Task<List<GeoTile>> CollectAsync(TilingOptions options, RejectionLog rejections, params string[] paths)
    {
        var channel = Channel.CreateUnbounded<GeoTile>();
        var reader = new OrthophotoTileReader(options, rejections);
        await reader.RunAsync(paths, channel.Writer, CancellationToken.None);
        var tiles = new List<GeoTile>();
        await foreach (var tile in channel.Reader.ReadAllAsync())
        {
            tiles.Add(tile);
        }

        return tiles;
    }

    /// <summary>The whole warped grid rebuilt from the tiles' cores, and how many cores covered each pixel.</summary>
    public static Mosaic Assemble(IReadOnlyList<GeoTile> tiles)
    {
        var grid = tiles[0].Grid;
        var mosaic = new Mosaic(grid.WidthPixels, grid.HeightPixels);
        foreach (var tile in tiles)
        {
            for (var y = tile.Core.Y0; y < tile.Core.Y1; y++)
            {
                for (var x = tile.Core.X0; x < tile.Core.X1; x++)
                {
                    var source = (y - tile.Window.Y0) * tile.Window.Width + (x - tile.Window.X0);
                    var target = y * grid.WidthPixels + x;
                    mosaic.Coverage[target]++;
                    mosaic.Valid[target] = tile.Valid[source];
                    for (var k = 0; k < 3; k++)
                    {
                        mosaic.Rgb[3 * target + k] = tile.Rgb[3 * source + k];
                    }
                }
            }
        }

        return mosaic;
    }
}
