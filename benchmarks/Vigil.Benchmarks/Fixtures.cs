using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Detect;

namespace Vigil.Benchmarks;

/// <summary>Inputs shared by the benchmarks: the shipped model, synthetic tiles and outlines.</summary>
internal static class Fixtures
{
    public const int TileSizePixels = 512;
    public const int OverlapPixels = 32;
    public const double GsdMeters = 0.15;

    public static readonly UtmZone Zone = new(37, IsNorth: false);

    /// <summary>models/vigil-buildings.onnx of the checkout, found upwards from the benchmark's folder.</summary>
    public static ModelCard LoadShippedModel()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models", "vigil-buildings.card.json");
            if (File.Exists(candidate))
            {
                return ModelCard.Load(candidate);
            }
        }

        throw new FileNotFoundException("models/vigil-buildings.card.json not found above " + AppContext.BaseDirectory +
                                        ": train or restore the shipped model first (models/README.md)");
    }

    /// <summary>A 512 px tile in the interior of a grid, with textured ground and <paramref name="buildings"/> bright rectangles.</summary>
    public static GeoTile Tile(int buildings, int seed = 1)
    {
        var stride = TileSizePixels - 2 * OverlapPixels;
        var grid = new RasterGrid(GeoTransform.NorthUp(528000, 9335100, GsdMeters), Zone, 20 * stride, 20 * stride, 20, 20);
        var core = new PixelRect(5 * stride, 5 * stride, 6 * stride, 6 * stride);
        var window = new PixelRect(core.X0 - OverlapPixels, core.Y0 - OverlapPixels, core.X1 + OverlapPixels, core.Y1 + OverlapPixels);
        var random = new Random(seed);
        var rgb = new byte[window.Width * window.Height * 3];
        random.NextBytes(rgb);
        for (var i = 0; i < rgb.Length; i++)
        {
            rgb[i] = (byte)(60 + rgb[i] / 8);
        }

        foreach (var (x0, y0, x1, y1) in Rectangles(buildings, window.Width, random))
        {
            for (var y = y0; y < y1; y++)
            {
                rgb.AsSpan(3 * (y * window.Width + x0), 3 * (x1 - x0)).Fill(220);
            }
        }

        var valid = new byte[window.Width * window.Height];
        Array.Fill(valid, (byte)255);
        return new GeoTile("bench.tif", grid, 5, 5, window, core, rgb, valid);
    }

    /// <summary>Building probabilities for <paramref name="tile"/>: 0.9 on its bright pixels, 0.05 elsewhere.</summary>
    public static float[] Probabilities(GeoTile tile)
    {
        var probabilities = new float[TileSizePixels * TileSizePixels];
        for (var y = 0; y < tile.Window.Height; y++)
        {
            for (var x = 0; x < tile.Window.Width; x++)
            {
                probabilities[y * TileSizePixels + x] = tile.Rgb[3 * (y * tile.Window.Width + x)] >= 200 ? 0.9f : 0.05f;
            }
        }

        return probabilities;
    }

    /// <summary>Non-overlapping building-sized rectangles (40-100 px, i.e. 6-15 m at 0.15 m) in a square of <paramref name="size"/> px.</summary>
    public static List<(int X0, int Y0, int X1, int Y1)> Rectangles(int count, int size, Random random)
    {
        var placed = new List<(int X0, int Y0, int X1, int Y1)>();
        for (var attempt = 0; placed.Count < count && attempt < 100 * count; attempt++)
        {
            var w = random.Next(40, 100);
            var h = random.Next(40, 100);
            var x = random.Next(0, size - w);
            var y = random.Next(0, size - h);
            if (placed.All(p => x + w + 4 < p.X0 || p.X1 + 4 < x || y + h + 4 < p.Y0 || p.Y1 + 4 < y))
            {
                placed.Add((x, y, x + w, y + h));
            }
        }

        return placed;
    }

    /// <summary>A slightly rotated rectangle of <paramref name="widthMeters"/> x <paramref name="heightMeters"/> centred at (x, y), UTM metres.</summary>
    public static Polygon Building(GeometryFactory factory, double x, double y, double widthMeters, double heightMeters, double angle)
    {
        var (c, s) = (Math.Cos(angle), Math.Sin(angle));
        Coordinate Corner(double u, double v) => new(x + u * c - v * s, y + u * s + v * c);
        var (hw, hh) = (widthMeters / 2, heightMeters / 2);
        return factory.CreatePolygon([Corner(-hw, -hh), Corner(hw, -hh), Corner(hw, hh), Corner(-hw, hh), Corner(-hw, -hh)]);
    }
}
