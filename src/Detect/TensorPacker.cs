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
        Array.Clear(batch, baseOffset, 3 * plane);
        var width = tile.Window.Width;
        var rgb = tile.Rgb;
        var valid = tile.Valid;
        for (var y = 0; y < tile.Window.Height; y++)
        {
            var src = y * width;
            var dst = baseOffset + y * size;
            for (var x = 0; x < width; x++)
            {
                var i = src + x;
                if (valid[i] == 0)
                {
                    continue;
                }

                batch[dst + x] = _lookup[rgb[3 * i]];
                batch[dst + plane + x] = _lookup[256 + rgb[3 * i + 1]];
                batch[dst + 2 * plane + x] = _lookup[512 + rgb[3 * i + 2]];
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
