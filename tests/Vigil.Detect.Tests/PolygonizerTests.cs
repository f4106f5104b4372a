using Vigil.Core;

namespace Vigil.Detect.Tests;

/// <summary>
/// Separation post-processing pixel by pixel: one 100 x 100 px tile with no seams, building extent and separation
/// band written straight into the probability maps, the band drawn as models/train.py draws its target (pixels whose
/// 5 x 5 neighbourhood holds two different buildings).
/// </summary>
public sealed class PolygonizerTests
{
    private const int Side = 100;
    private const int SlotSize = 160;
    private static readonly PixelRule Rule = new(0.3f, 1, 0.5f);

    [Fact]
    public void Touching_buildings_get_back_every_pixel_of_the_band_on_their_own_side()
    {
        var buildings = new int[Side * Side];
        Paint(buildings, 1, 10, 10, 45, 50);
        Paint(buildings, 2, 45, 10, 80, 50);

        var pieces = Extract(buildings);

        Assert.Equal([35 * 40, 35 * 40], pieces.Select(p => p.PixelCount).Order());
    }

    [Fact]
    public void A_building_in_the_corner_of_an_l_shaped_neighbour_keeps_its_corner()
    {
        // The pixel at A's inner corner (49, 49) is 2 px from A's nearest seed in x and in y: one diagonal step
        // away per round, but four steps left-right-up-down, by which time B, three steps away along row 49, has it.
        var buildings = new int[Side * Side];
        Paint(buildings, 1, 20, 20, 50, 50);
        Paint(buildings, 2, 50, 20, 80, 80);
        Paint(buildings, 2, 20, 50, 50, 80);

        var pieces = Extract(buildings);

        Assert.Equal([30 * 30, 30 * 60 + 30 * 30], pieces.Select(p => p.PixelCount).Order());
    }

    [Fact]
    public void Pixels_of_the_band_no_building_reaches_are_dropped()
    {
        // A 12 px wide extent that is band all through: no seed, no building.
        var extent = new float[2 * SlotSize * SlotSize];
        for (var y = 10; y < 40; y++)
        {
            for (var x = 10; x < 22; x++)
            {
                extent[y * SlotSize + x] = 0.9f;
                extent[SlotSize * SlotSize + y * SlotSize + x] = 0.9f;
            }
        }

        Assert.Empty(Polygonizer.Extract(Tile(), extent, 0, SlotSize, Rule));
    }

    private static List<PixelPiece> Extract(int[] buildings)
    {
        var output = new float[2 * SlotSize * SlotSize];
        for (var y = 0; y < Side; y++)
        {
            for (var x = 0; x < Side; x++)
            {
                output[y * SlotSize + x] = buildings[y * Side + x] > 0 ? 0.9f : 0.05f;
                output[SlotSize * SlotSize + y * SlotSize + x] = InBand(buildings, x, y) ? 0.9f : 0.05f;
            }
        }

        var pieces = Polygonizer.Extract(Tile(), output, 0, SlotSize, Rule);
        Assert.All(pieces, p => Assert.False(p.TouchesSeam));
        return pieces;
    }

    private static GeoTile Tile() => Assert.Single(new SyntheticScene(Side, Side, 0.5).Tiles(SlotSize, 16));

    private static void Paint(int[] buildings, int id, int x0, int y0, int x1, int y1)
    {
        for (var y = y0; y < y1; y++)
        {
            buildings.AsSpan(y * Side + x0, x1 - x0).Fill(id);
        }
    }

    /// <summary>models/train.py separation(reach=2): the 5 x 5 neighbourhood holds two different buildings.</summary>
    private static bool InBand(int[] buildings, int x, int y)
    {
        var first = 0;
        for (var dy = -2; dy <= 2; dy++)
        {
            for (var dx = -2; dx <= 2; dx++)
            {
                var (nx, ny) = (x + dx, y + dy);
                if (nx < 0 || ny < 0 || nx >= Side || ny >= Side || buildings[ny * Side + nx] == 0)
                {
                    continue;
                }

                var id = buildings[ny * Side + nx];
                if (first != 0 && id != first)
                {
                    return true;
                }

                first = id;
            }
        }

        return false;
    }
}
