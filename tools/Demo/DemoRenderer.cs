using CvPoint = OpenCvSharp.Point;
using NetTopologySuite.Geometries;
using OpenCvSharp;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;

namespace Vigil.Demo;

/// <summary>
/// Paints one epoch of a <see cref="DemoScene"/> as an aerial RGB orthophoto: bare soil and grass with texture, a
/// road, trees, buildings with sun shadows and roof textures. Written as a GeoTIFF in the scene's UTM zone.
/// </summary>
public static class DemoRenderer
{
    /// <summary>Resolution of the generated orthophotos: finer than the model's, so the GSD resampling is exercised.</summary>
    public const double GsdMeters = 0.10;

    private const int GroundSeed = 11;

    /// <summary>Renders <paramref name="buildings"/> over the scene's ground and writes a GeoTIFF to <paramref name="path"/>.</summary>
    public static void Write(DemoScene scene, IReadOnlyList<DemoBuilding> buildings, string path, int seed)
    {
        var size = (int)Math.Round(scene.Extent.Width / GsdMeters);
        var transform = GeoTransform.NorthUp(scene.Extent.MinX, scene.Extent.MaxY, GsdMeters);
        using var image = Paint(size, transform, buildings, GroundSeed, seed);
        var planes = Cv2.Split(image);
        try
        {
            var bands = new[] { planes[2], planes[1], planes[0] }.Select(p =>
            {
                p.GetArray(out byte[] data);
                return data;
            }).ToList();
            GeoTiffWriter.Write(path, size, size, bands, transform, scene.Zone.EpsgName);
        }
        finally
        {
            foreach (var plane in planes)
            {
                plane.Dispose();
            }
        }
    }

    /// <summary>
    /// Paints a square of <paramref name="size"/> pixels whose top-left pixel lies at <paramref name="transform"/>'s
    /// origin: ground from <paramref name="groundSeed"/>, then <paramref name="buildings"/> (UTM metres) with roof
    /// variations from <paramref name="seed"/>, sensor noise and a slight blur. Returns an 8-bit BGR image.
    /// </summary>
    internal static Mat Paint(int size, GeoTransform transform, IEnumerable<DemoBuilding> buildings, int groundSeed, int seed)
    {
        using var image = Ground(size, groundSeed, transform.PixelWidth);
        var random = new Random(seed);
        var all = buildings.ToList();
        foreach (var building in all)
        {
            DrawShadow(image, building.Outline, transform);
        }

        foreach (var building in all)
        {
            DrawRoof(image, building, transform, random);
        }

        // Sensor noise, signed: added in 16 bits and saturated back to 8.
        using var noise = new Mat(size, size, MatType.CV_16SC3);
        Cv2.Randn(noise, Scalar.All(0), Scalar.All(5));
        using var wide = new Mat();
        image.ConvertTo(wide, MatType.CV_16SC3);
        Cv2.Add(wide, noise, wide);
        var noisy = new Mat();
        wide.ConvertTo(noisy, MatType.CV_8UC3);
        Cv2.GaussianBlur(noisy, noisy, new Size(3, 3), 0.8);
        return noisy;
    }

    private static Mat Ground(int size, int seed, double gsdMeters)
    {
        // The ground is the same in both epochs: only the structures change. Real bare soil and grass are textured at
        // every scale and blend into each other; flat patches with sharp edges look like roofs to any detector.
        var random = new Random(seed);
        using var patches = Noise(size, size / 40, 25, random);
        using var ragged = Noise(size, size / 6, 3, random);
        using var grain = Noise(size, size / 2, 1, random);
        using var field = new Mat();
        Cv2.AddWeighted(patches, 0.8, ragged, 0.2, 0, field);
        // Grass share: 0 below 0.50, 1 above 0.60 of the field, a soft band between.
        using var grass = new Mat();
        Cv2.Subtract(field, Scalar.All(0.50), grass);
        Cv2.Multiply(grass, Scalar.All(10.0), grass);
        Cv2.Min(grass, Scalar.All(1.0), grass);
        Cv2.Max(grass, Scalar.All(0.0), grass);
        var soil = Blend(new Scalar(104, 138, 160), new Scalar(70, 120, 95), grass);
        // The road and the trees are textured like the rest (worn asphalt, foliage).
        var road = new[] { new CvPoint(0, size * 0.55), new CvPoint(size, size * 0.47) };
        Cv2.Line(soil, road[0], road[1], new Scalar(120, 124, 128), (int)(6 / gsdMeters));
        for (var i = 0; i < 25; i++)
        {
            var centre = new CvPoint(random.Next(size), random.Next(size));
            Cv2.Circle(soil, centre, (int)((1.5 + random.NextDouble() * 2.5) / gsdMeters), new Scalar(40, 75, 45), -1);
        }

        // Texture: ragged brightness at metre scale and grain at pixel scale (stones, tufts, tyre tracks).
        using var texture = new Mat();
        Cv2.AddWeighted(ragged, 50, grain, 40, -45, texture);
        using var texture3 = new Mat();
        Cv2.Merge([texture, texture, texture], texture3);
        using var wide = new Mat();
        soil.ConvertTo(wide, MatType.CV_32FC3);
        Cv2.Add(wide, texture3, wide);
        wide.ConvertTo(soil, MatType.CV_8UC3);
        return soil;
    }

    /// <summary>Smooth random field in 0..1 (float) of <paramref name="cells"/> cells across, blurred by <paramref name="sigma"/> px.</summary>
    private static Mat Noise(int size, int cells, double sigma, Random random)
    {
        using var coarse = new Mat(cells, cells, MatType.CV_32FC1);
        var values = new float[cells * cells];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.NextDouble();
        }

        coarse.SetArray(values);
        var field = new Mat();
        Cv2.Resize(coarse, field, new Size(size, size), 0, 0, InterpolationFlags.Cubic);
        Cv2.GaussianBlur(field, field, new Size(0, 0), sigma);
        Cv2.Normalize(field, field, 0, 1, NormTypes.MinMax);
        return field;
    }

    /// <summary>Per pixel <paramref name="a"/> x (1 - share) + <paramref name="b"/> x share, as 8-bit BGR.</summary>
    private static Mat Blend(Scalar a, Scalar b, Mat share)
    {
        using var one = new Mat(share.Size(), MatType.CV_32FC1, Scalar.All(1.0));
        using var rest = new Mat();
        Cv2.Subtract(one, share, rest);
        var channels = new Mat[3];
        for (var c = 0; c < 3; c++)
        {
            channels[c] = new Mat();
            Cv2.AddWeighted(rest, a[c], share, b[c], 0, channels[c]);
        }

        var blended = new Mat();
        using var merged = new Mat();
        Cv2.Merge(channels, merged);
        merged.ConvertTo(blended, MatType.CV_8UC3);
        foreach (var channel in channels)
        {
            channel.Dispose();
        }

        return blended;
    }

    private static Scalar Shift(Scalar colour, int delta) =>
        new(colour.Val0 + delta, colour.Val1 + delta, colour.Val2 + delta);

    private static CvPoint[] ToPixels(LineString ring, GeoTransform transform, double dx = 0, double dy = 0) =>
        ring.Coordinates.Select(c =>
        {
            var (col, row) = transform.WorldToPixel(c.X + dx, c.Y + dy);
            return new CvPoint((int)Math.Round(col), (int)Math.Round(row));
        }).ToArray();

    private static void DrawShadow(Mat image, Polygon outline, GeoTransform transform)
    {
        var shifted = ToPixels(outline.ExteriorRing, transform, 1.2, -0.9);
        Cv2.FillPoly(image, [shifted], new Scalar(45, 55, 62), LineTypes.AntiAlias);
    }

    private static void DrawRoof(Mat image, DemoBuilding building, GeoTransform transform, Random random)
    {
        var ring = ToPixels(building.Outline.ExteriorRing, transform);
        var jitter = random.Next(-12, 12);
        var baseColour = building.Roof switch
        {
            DemoRoof.MetalSheet => new Scalar(178 + jitter, 172 + jitter, 165 + jitter),
            DemoRoof.Tile => new Scalar(55 + jitter, 85 + jitter, 170 + jitter),
            _ => new Scalar(200 + jitter / 2, 205 + jitter / 2, 210 + jitter / 2),
        };
        Cv2.FillPoly(image, [ring], baseColour, LineTypes.AntiAlias);
        if (building.Roof == DemoRoof.Concrete)
        {
            Cv2.Polylines(image, [ring], true, new Scalar(150, 155, 160), 3, LineTypes.AntiAlias);
            return;
        }

        // Gable roof: the half facing away from the sun is darker, with a ridge along the long axis.
        var c = building.Outline.ExteriorRing.Coordinates;
        var longFirst = c[0].Distance(c[1]) >= c[1].Distance(c[2]);
        var (a, b, d, e) = longFirst ? (c[0], c[1], c[3], c[2]) : (c[1], c[2], c[0], c[3]);
        var ridgeStart = new Coordinate((a.X + d.X) / 2, (a.Y + d.Y) / 2);
        var ridgeEnd = new Coordinate((b.X + e.X) / 2, (b.Y + e.Y) / 2);
        var half = building.Outline.Factory.CreateLineString([a, b, ridgeEnd, ridgeStart, a]);
        var shade = building.Roof == DemoRoof.MetalSheet ? -35 : -30;
        Cv2.FillPoly(image, [ToPixels(half, transform)], Shift(baseColour, shade), LineTypes.AntiAlias);
        var ridge = ToPixels(building.Outline.Factory.CreateLineString([ridgeStart, ridgeEnd]), transform);
        Cv2.Line(image, ridge[0], ridge[1], Shift(baseColour, 25), 2, LineTypes.AntiAlias);
        if (building.Roof == DemoRoof.MetalSheet)
        {
            for (var t = 0.05; t < 1; t += 0.06)
            {
                var p = new Coordinate(a.X + (b.X - a.X) * t, a.Y + (b.Y - a.Y) * t);
                var q = new Coordinate(d.X + (e.X - d.X) * t, d.Y + (e.Y - d.Y) * t);
                var rib = ToPixels(building.Outline.Factory.CreateLineString([p, q]), transform);
                Cv2.Line(image, rib[0], rib[1], Shift(baseColour, -15), 1, LineTypes.AntiAlias);
            }
        }
    }
}
