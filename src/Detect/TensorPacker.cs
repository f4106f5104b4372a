using Vigil.Core;

namespace Vigil.Detect;

/// <summary>
/// Packs 8-bit RGB tiles into the network's normalised NCHW float input, padding each tile to a fixed square.
/// Invalid (nodata) pixels are given the channel mean, i.e. zero after normalisation, so they do not look like roofs.
/// </summary>
internal sealed class TensorPacker(ModelInput input)
{
    private readonly float[] _lookup = BuildLookup(input);

    /// <summary>Writes <paramref name="tile"/> into slot <paramref name="slot"/> of <paramref name="batch"/> (size x size per channel).</summary>
    public void Pack(GeoTile tile, float[] batch, int slot, int size)
    {
        var plane = size * size;
        var baseOffset = slot * 3 * plane;
        var width = tile.Window.Width;
        var rgb = tile.Rgb;
        var valid = tile.Valid;
        var allValid = !valid.AsSpan(0, width * tile.Window.Height).ContainsAnyExcept((byte)255);
        if (!allValid || width < size || tile.Window.Height < size)
        {
            Array.Clear(batch, baseOffset, 3 * plane);
        }

        var red = _lookup.AsSpan(0, 256);
        var green = _lookup.AsSpan(256, 256);
        var blue = _lookup.AsSpan(512, 256);
        for (var y = 0; y < tile.Window.Height; y++)
        {
            var source = rgb.AsSpan(3 * y * width, 3 * width);
            var validRow = valid.AsSpan(y * width, width);
            var dst = baseOffset + y * size;
            var r = batch.AsSpan(dst, width);
            var g = batch.AsSpan(dst + plane, width);
            var b = batch.AsSpan(dst + 2 * plane, width);
            for (var x = 0; x < width; x++)
            {
                // Most tiles hold no nodata at all: one vectorised check per tile instead of a branch per pixel.
                if (!allValid && validRow[x] == 0)
                {
                    continue;
                }

                r[x] = red[source[3 * x]];
                g[x] = green[source[3 * x + 1]];
                b[x] = blue[source[3 * x + 2]];
            }
        }
    }

    private static float[] BuildLookup(ModelInput input)
    {
        var table = new float[3 * 256];
        for (var c = 0; c < 3; c++)
        {
            for (var v = 0; v < 256; v++)
            {
                table[c * 256 + v] = (float)((v * input.PixelScale - input.Mean[c]) / input.Std[c]);
            }
        }

        return table;
    }
}
