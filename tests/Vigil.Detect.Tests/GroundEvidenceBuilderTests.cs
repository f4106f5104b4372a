using Vigil.Core;

namespace Vigil.Detect.Tests;

public sealed class GroundEvidenceBuilderTests
{
    private const int Size = 64;
    private const double Gsd = 0.15;

    [Fact]
    public void Missing_strip_zeros_and_truncated_jpeg_grey_are_no_imagery_though_their_mask_says_valid()
    {
        // Textured imagery in the top 16 rows, a strip GDAL returns as zeros in the next 24, a JPEG's grey remainder below.
        var tile = Tile((x, y) => y < 16 ? Texture(x, y) : y < 40 ? (byte)0 : (byte)128);
        var probabilities = Probabilities(_ => 0.005f);

        var evidence = new GroundEvidenceBuilder(Card(0.2)).Build(tile, probabilities, 0, Size)!;

        Assert.Equal(Size / 4, evidence.Columns);
        Assert.All(Enumerable.Range(0, evidence.Columns), c =>
        {
            Assert.Equal(GroundState.Background, evidence.At(c, 0));
            Assert.Equal(GroundState.Background, evidence.At(c, 3));
            Assert.Equal(GroundState.NoImagery, evidence.At(c, 4));
            Assert.Equal(GroundState.NoImagery, evidence.At(c, 9));
            Assert.Equal(GroundState.NoImagery, evidence.At(c, 15));
        });
    }

    [Fact]
    public void Pixels_the_mask_marks_invalid_are_no_imagery()
    {
        var tile = Tile(Texture, valid: (x, _) => x >= 32);

        var evidence = new GroundEvidenceBuilder(Card(0.2)).Build(tile, Probabilities(_ => 0.005f), 0, Size)!;

        Assert.Equal((GroundState.NoImagery, GroundState.Background), (evidence.At(7, 5), evidence.At(8, 5)));
    }

    [Theory]
    [InlineData(0.2, 0.005f, GroundState.Background)]
    [InlineData(0.2, 0.02f, GroundState.Uncertain)]
    [InlineData(0.2, 0.3f, GroundState.Uncertain)]
    [InlineData(0.2, 0.7f, GroundState.Building)]
    [InlineData(0.4, 0.015f, GroundState.Background)]
    [InlineData(0.4, 0.65f, GroundState.Uncertain)]
    public void Confidence_is_judged_relative_to_the_cards_threshold(double threshold, float probability, GroundState expected)
    {
        var evidence = new GroundEvidenceBuilder(Card(threshold)).Build(Tile(Texture), Probabilities(_ => probability), 0, Size)!;

        Assert.All(evidence.States, s => Assert.Equal(expected, (GroundState)s));
    }

    [Theory]
    [InlineData(0.02f, GroundState.Background)]
    [InlineData(0.04f, GroundState.Uncertain)]
    public void A_cards_measured_background_level_replaces_the_share_of_its_threshold(float probability, GroundState expected)
    {
        // 0.02 is above a twentieth of 0.25: without the card's level it would be uncertain.
        var evidence = new GroundEvidenceBuilder(Card(0.25, background: 0.03)).Build(Tile(Texture), Probabilities(_ => probability), 0, Size)!;

        Assert.All(evidence.States, s => Assert.Equal(expected, (GroundState)s));
    }

    [Fact]
    public void Cells_lie_on_the_ground_of_the_core_in_the_working_crs()
    {
        var tile = Tile(Texture);
        var probabilities = Probabilities(i => i % Size < 8 && i / Size < 8 ? 0.9f : 0.001f);

        var evidence = new GroundEvidenceBuilder(Card(0.2)).Build(tile, probabilities, 0, Size)!;

        Assert.Equal(4 * Gsd, evidence.CellMeters, 9);
        Assert.Equal((500000.0, 9300000.0), (evidence.Left, evidence.Top));
        Assert.Equal([GroundState.Building, GroundState.Building, GroundState.Background],
            new[] { evidence.At(0, 0), evidence.At(1, 1), evidence.At(2, 0) });
    }

    private static ModelThresholds Card(double probability, double? background = null) =>
        new() { Probability = probability, MinAreaSquareMeters = 4, Background = background };

    private static byte Texture(int x, int y) => (byte)(60 + (x * 37 + y * 91) % 97);

    private static GeoTile Tile(Func<int, int, byte> grey, Func<int, int, bool>? valid = null)
    {
        var grid = new RasterGrid(GeoTransform.NorthUp(500000, 9300000, Gsd), new UtmZone(37, false), Size, Size, 1, 1);
        var rgb = new byte[Size * Size * 3];
        var mask = new byte[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var i = y * Size + x;
                rgb[3 * i] = rgb[3 * i + 1] = rgb[3 * i + 2] = grey(x, y);
                mask[i] = valid is null || valid(x, y) ? (byte)255 : (byte)0;
            }
        }

        var whole = new PixelRect(0, 0, Size, Size);
        return new GeoTile("strip.tif", grid, 0, 0, whole, whole, rgb, mask);
    }

    private static float[] Probabilities(Func<int, float> at) => [.. Enumerable.Range(0, Size * Size).Select(at)];
}
