using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using OpenCvSharp;
using Vigil.Core;
using Vigil.Demo;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;

namespace Vigil.Bench;

/// <summary>
/// The generated input of <c>vigil bench</c>: a square RGB orthophoto of a dense settlement at the model's GSD in
/// UTM 37S (tiled, JPEG, written block by block so its size is not bounded by memory) and the baseline of its
/// buildings, every eighth left out so that the run opens cases. Cached by size and GSD: a rerun reuses the files.
/// </summary>
/// <param name="RasterPath">The GeoTIFF.</param>
/// <param name="BaselinePath">GeoJSON (WGS 84) of the registered buildings.</param>
/// <param name="SizePixels">Width and height of the raster.</param>
/// <param name="GsdMeters">Its ground sample distance.</param>
internal sealed record BenchRaster(string RasterPath, string BaselinePath, int SizePixels, double GsdMeters)
{
    /// <summary>Side of the squares painted one at a time: a few tens of MB of image each.</summary>
    private const int BlockPixels = 2048;

    /// <summary>About a hundred buildings on 300 m x 300 m, as dense as the informal settlements Vigil watches.</summary>
    private const int BuildingsPerBlock = 100;

    /// <summary>Every this-many-th building is missing from the baseline, so the run opens cases (ledger inserts).</summary>
    private const int UnregisteredEvery = 8;

    private const double EdgeMarginMeters = 12;
    private const double GapMeters = 3;
    private const double LeftMeters = 528000;
    private const double TopMeters = 9335100;

    /// <summary>Bumped whenever the content changes, so that cached rasters are not reused.</summary>
    private const string FormatVersion = "v1";

    private static readonly UtmZone Zone = new(37, IsNorth: false);

    /// <summary>Returns the cached raster and baseline in <paramref name="directory"/>, generating them first when missing.</summary>
    public static BenchRaster Ensure(string directory, int sizePixels, double gsdMeters, Action<string> log)
    {
        Directory.CreateDirectory(directory);
        var stem = Path.Combine(directory, $"bench-{sizePixels}px-{gsdMeters * 1000:F0}mm-{FormatVersion}");
        var raster = new BenchRaster(stem + ".tif", stem + ".baseline.geojson", sizePixels, gsdMeters);
        if (File.Exists(raster.RasterPath) && File.Exists(raster.BaselinePath))
        {
            log($"reusing {raster.RasterPath}");
            return raster;
        }

        log($"generating {sizePixels} x {sizePixels} px at {gsdMeters} m into {raster.RasterPath}");
        raster.Generate(log);
        return raster;
    }

    private void Generate(Action<string> log)
    {
        var partial = RasterPath + ".partial";
        var transform = GeoTransform.NorthUp(LeftMeters, TopMeters, GsdMeters);
        var factory = new GeometryFactory(new PrecisionModel(), Zone.EpsgCode);
        var roofs = Enum.GetValues<DemoRoof>();
        var baseline = new List<(Geometry, AttributesTable)>();
        var blocks = (SizePixels + BlockPixels - 1) / BlockPixels;
        var buffer = new byte[BlockPixels * BlockPixels * 3];
        using (var writer = StreamingGeoTiffWriter.CreateRgb(partial, SizePixels, SizePixels, transform, Zone.EpsgName))
        {
            for (var by = 0; by < blocks; by++)
            {
                for (var bx = 0; bx < blocks; bx++)
                {
                    var seed = by * blocks + bx;
                    var (left, top) = transform.PixelToWorld(bx * BlockPixels, by * BlockPixels);
                    var side = BlockPixels * GsdMeters;
                    var random = new Random(seed);
                    var scatter = new BuildingScatter(random, new Envelope(left, left + side, top - side, top),
                        factory, EdgeMarginMeters, GapMeters);
                    var buildings = new List<DemoBuilding>();
                    for (var i = 0; i < BuildingsPerBlock && scatter.Place(6, 16) is { } outline; i++)
                    {
                        var building = new DemoBuilding($"b{bx}-{by}-{i}", outline, roofs[random.Next(roofs.Length)]);
                        buildings.Add(building);
                        if (i % UnregisteredEvery != 0)
                        {
                            baseline.Add((Zone.ToWgs84(outline), new AttributesTable { { "id", building.Id }, { "kind", "registered" } }));
                        }
                    }

                    var blockTransform = GeoTransform.NorthUp(left, top, GsdMeters);
                    var width = Math.Min(BlockPixels, SizePixels - bx * BlockPixels);
                    var height = Math.Min(BlockPixels, SizePixels - by * BlockPixels);
                    using var bgr = DemoRenderer.Paint(BlockPixels, blockTransform, buildings, groundSeed: seed, seed: seed);
                    CopyRgb(bgr, width, height, buffer);
                    writer.WriteRgb(bx * BlockPixels, by * BlockPixels, width, height, buffer);
                }

                log($"  block row {by + 1}/{blocks}");
            }
        }

        DemoRun.WriteGeoJson(BaselinePath, baseline);
        File.Move(partial, RasterPath, overwrite: true);
    }

    private static unsafe void CopyRgb(Mat bgr, int width, int height, byte[] into)
    {
        using var rgb = new Mat();
        Cv2.CvtColor(bgr, rgb, ColorConversionCodes.BGR2RGB);
        var rowBytes = 3 * width;
        for (var y = 0; y < height; y++)
        {
            new ReadOnlySpan<byte>((byte*)rgb.Ptr(y), rowBytes).CopyTo(into.AsSpan(y * rowBytes, rowBytes));
        }
    }
}
