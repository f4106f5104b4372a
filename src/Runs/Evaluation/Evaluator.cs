using System.Diagnostics;
using System.Threading.Channels;
using NetTopologySuite.Geometries;
using OpenCvSharp;
using Vigil.Core;
using Vigil.Detect;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;
using Vigil.Runs;
using Vigil.Runs.Pipeline;

namespace Vigil.Runs.Evaluation;

/// <summary>
/// <c>vigil eval</c>: runs images through exactly the detection path of <c>vigil run</c> (band mapping, resampling to
/// the model's GSD, thresholds, polygonizing, seam merge) and scores the footprints against masks or labels.
/// </summary>
public static class Evaluator
{
    private const int OverlapPixels = 32;
    private const string LocalCrs = "EPSG:32631";
    private const int MaxTileSizePixels = 512;

    /// <summary>Two tiles in front of the detector, as in a flight; one image's footprints are few.</summary>
    private static readonly ChannelCapacities Channels = new(Tiles: 2, Footprints: 64, Findings: 256);

    /// <summary>Evaluates every pair; files that cannot be evaluated are listed in the report's rejections.</summary>
    public static async Task<EvaluationReport> RunAsync(EvaluationOptions options, CancellationToken ct)
    {
        GdalRuntime.EnsureInitialized();
        var card = Load(() => ModelCard.Load(options.ModelPath));
        using var segmenter = Load(() => new BuildingSegmenter(card, options.Threads));
        var rejections = new RejectionLog();
        var pairs = EvaluationPairing.Pair(options.ImagesFolder, options.MasksFolder, rejections);
        var scratch = Directory.CreateTempSubdirectory("vigil-eval-");
        var clock = Stopwatch.StartNew();
        var images = new List<ImageEvaluation>();
        var map = new OutcomeMap();
        var tiles = 0;
        try
        {
            foreach (var pair in pairs)
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    var (evaluation, imageTiles) = await EvaluateAsync(pair, options, segmenter, scratch.FullName, map, rejections, ct)
                        .ConfigureAwait(false);
                    images.Add(evaluation);
                    tiles += imageTiles;
                }
                catch (InputException ex)
                {
                    rejections.Add(ex.Path, ex.Reason);
                }
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }

        if (options.FootprintsPath is { } footprintsPath)
        {
            map.Write(footprintsPath);
        }

        var total = images.Aggregate(SegmentationScore.Zero, (sum, i) => sum.Add(i.Score));
        var tolerant = images.Aggregate(SegmentationScore.Zero, (sum, i) => sum.Add(i.Tolerant));
        return new EvaluationReport(total, tolerant, images, rejections.Items, tiles, clock.Elapsed);
    }

    private static async Task<(ImageEvaluation, int)> EvaluateAsync(EvaluationPair pair, EvaluationOptions options,
        BuildingSegmenter segmenter, string scratch, OutcomeMap map, RejectionLog rejections, CancellationToken ct)
    {
        var (input, grid) = Georeference(pair, options, scratch);
        var probe = RasterProbe.Inspect(input);
        var zone = UtmZone.Containing(probe.CenterLongitude, probe.CenterLatitude);
        var card = segmenter.Card;
        var extentPixels = Math.Max(probe.WidthPixels, probe.HeightPixels) * probe.ApproxGsdMeters / card.GsdMeters;
        var tileSize = Math.Min(MaxTileSizePixels, RoundUp32((int)Math.Ceiling(extentPixels) + 2 * OverlapPixels + 2));
        var tiling = new TilingOptions(card.GsdMeters, zone, tileSize, OverlapPixels);
        var (footprints, tiles) = await DetectAsync(input, tiling, segmenter, rejections, ct).ConfigureAwait(false);

        var predicted = grid.Burn(footprints.Select(f => (Geometry)f.Outline).ToList(), zone);
        var (truth, truthCount, outlines) = pair.MaskPath is not null
            ? MaskInstances(pair.MaskPath, grid)
            : LabelInstances(options.LabelsPath!, grid, zone);
        var score = SegmentationScore.Of(predicted, footprints.Count, truth, truthCount, out var outcomes);
        map.Add(Path.GetFileName(pair.ImagePath), zone, footprints, outlines, outcomes);
        var shiftPixels = (int)Math.Round(options.OffsetToleranceMeters / grid.GsdMeters);
        var tolerant = OffsetTolerance.BestShift(predicted, truth, grid.Width, grid.Height, shiftPixels) with
        {
            MatchedObjects = OffsetTolerance.MatchedObjects(predicted, footprints.Count, truth, truthCount, grid.Width, shiftPixels),
            PredictedObjects = score.PredictedObjects,
            TruthObjects = score.TruthObjects,
        };
        return (new ImageEvaluation(Path.GetFileName(pair.ImagePath), score, tolerant), tiles);
    }

    /// <summary>
    /// The raster the detector reads and the grid truth is scored on. An image without georeference borrows its mask's
    /// (fAIr chips: JPEG images, GeoTIFF masks), or gets a local one at the declared GSD.
    /// </summary>
    private static (string Input, ReferenceGrid Grid) Georeference(EvaluationPair pair, EvaluationOptions options, string scratch)
    {
        var image = RasterFile.ReadAll(pair.ImagePath);
        var mask = pair.MaskPath is null ? default : RasterFile.ReadAll(pair.MaskPath);
        if (pair.MaskPath is not null && (mask.Width != image.Width || mask.Height != image.Height))
        {
            throw new InputException(pair.MaskPath, $"the mask is {mask.Width}x{mask.Height} px, its image {image.Width}x{image.Height} px");
        }

        if (image.Transform is { } t && image.CrsWkt is { } crs)
        {
            return (pair.ImagePath, new ReferenceGrid(image.Width, image.Height, t, crs, RasterProbe.Inspect(pair.ImagePath).ApproxGsdMeters));
        }

        var copy = Path.Combine(scratch, Path.GetFileNameWithoutExtension(pair.ImagePath) + ".tif");
        if (pair.MaskPath is not null && mask.Transform is { } mt && mask.CrsWkt is { } mcrs)
        {
            GeoTiffWriter.Write(copy, image.Width, image.Height, image.Bands, mt, mcrs);
            return (copy, new ReferenceGrid(image.Width, image.Height, mt, mcrs, RasterProbe.Inspect(pair.MaskPath).ApproxGsdMeters));
        }

        if (options.DeclaredGsdMeters is not { } gsd)
        {
            throw new InputException(pair.ImagePath, "not georeferenced, nor is its mask: pass --gsd to declare its ground sample distance");
        }

        return (copy, WriteLocal(image.Width, image.Height, image.Bands, gsd, copy));
    }

    /// <summary>
    /// Writes an image without georeference as a GeoTIFF on a local grid at <paramref name="gsdMeters"/> (on the equator
    /// of UTM zone 31N: only the scale matters for evaluation; two images of one size land on the same ground).
    /// </summary>
    internal static ReferenceGrid WriteLocal(int width, int height, byte[][] bands, double gsdMeters, string outPath)
    {
        var local = GeoTransform.NorthUp(500000, height * gsdMeters, gsdMeters);
        GeoTiffWriter.Write(outPath, width, height, bands, local, LocalCrs);
        return new ReferenceGrid(width, height, local, LocalCrs, gsdMeters);
    }

    private static async Task<(List<Footprint>, int)> DetectAsync(
        string input, TilingOptions tiling, BuildingSegmenter segmenter, RejectionLog rejections, CancellationToken ct)
    {
        var reader = new OrthophotoTileReader(tiling, rejections);
        var detector = new TileDetector(segmenter, new DetectOptions(tiling.TileSizePixels, BatchSize: 1));
        FlightTally? tally = null;
        var stages = new StageList<Footprint, List<Footprint>>(
            (tiles, token) => reader.RunAsync([input], tiles, token), detector.RunAsync, null,
            (batches, footprints, token) => UnbatchAsync(batches, footprints, last => tally = last, token), CollectAsync);
        var footprints = await StageLine.RunAsync(stages, Channels, ct).ConfigureAwait(false);
        return (footprints, tally?.Tiles ?? throw new InvalidOperationException("The detection ended without its tally."));
    }

    private static (int[] Labels, int Count, IReadOnlyList<Geometry>? Outlines) MaskInstances(string maskPath, ReferenceGrid grid)
    {
        var mask = RasterFile.ReadAll(maskPath);
        var binary = mask.Bands[0].Select(v => v != 0 ? (byte)255 : (byte)0).ToArray();
        using var image = Mat.FromPixelData(grid.Height, grid.Width, MatType.CV_8UC1, binary);
        using var labels = new Mat();
        var count = Cv2.ConnectedComponents(image, labels, PixelConnectivity.Connectivity8, MatType.CV_32SC1);
        labels.GetArray(out int[] data);
        return (data, count - 1, null);
    }

    private static (int[] Labels, int Count, IReadOnlyList<Geometry>? Outlines) LabelInstances(string labelsPath, ReferenceGrid grid, UtmZone zone)
    {
        var polygons = VectorReader.Read(labelsPath, zone)
            .Select(f => f.Geometry)
            .Where(g => g is Polygon or MultiPolygon)
            .ToList();
        return (grid.Burn(polygons, zone), polygons.Count, polygons);
    }

    /// <summary>Evaluation's comparison is the scoring after the run: the footprints pass through as they are.</summary>
    /// <summary>Passes the footprints on one by one; the run's tally, on the last batch, goes to <paramref name="onTally"/>.</summary>
    private static async Task UnbatchAsync(
        ChannelReader<FootprintBatch> input, ChannelWriter<Footprint> output, Action<FlightTally> onTally, CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            await foreach (var batch in input.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (batch.Tally is { } tally)
                {
                    onTally(tally);
                }

                foreach (var footprint in batch.Footprints)
                {
                    await output.WriteAsync(footprint, ct).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failure = ex;
            throw;
        }
        finally
        {
            output.TryComplete(failure);
        }
    }

    private static async Task<List<Footprint>> CollectAsync(ChannelReader<Footprint> input, CancellationToken ct)
    {
        var footprints = new List<Footprint>();
        await foreach (var footprint in input.ReadAllAsync(ct).ConfigureAwait(false))
        {
            footprints.Add(footprint);
        }

        return footprints;
    }

    private static int RoundUp32(int value) => (value + 31) / 32 * 32;

    private static T Load<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (ModelCardException ex)
        {
            throw new RunFailedException(ex.Message, ExitCodes.BadConfiguration, ex);
        }
    }
}
