using System.Threading.Channels;
using NetTopologySuite.Geometries;
using Vigil.Core;

namespace Vigil.Detect;

/// <summary>
/// Pipeline stage: segments tiles in batches with the ONNX model, polygonizes each tile's core, merges buildings
/// across seams and emits whole footprints in the working CRS, each exactly once. Tiles of one raster must arrive
/// contiguous and in row-major order, as the orthophoto reader produces them.
/// </summary>
public sealed class TileDetector
{
    private readonly BuildingSegmenter _segmenter;
    private readonly DetectOptions _options;
    private readonly TensorPacker _packer;
    private readonly float _threshold;
    private int _tilesProcessed;
    private int _footprintsEmitted;

    /// <summary>Creates the stage around a loaded model.</summary>
    public TileDetector(BuildingSegmenter segmenter, DetectOptions options)
    {
        options.Validate();
        _segmenter = segmenter;
        _options = options;
        _packer = new TensorPacker(segmenter.Card.Input);
        _threshold = (float)segmenter.Card.Thresholds.Probability;
    }

    /// <summary>Tiles segmented so far (safe to read from another thread for progress).</summary>
    public int TilesProcessed => Volatile.Read(ref _tilesProcessed);

    /// <summary>Footprints emitted so far.</summary>
    public int FootprintsEmitted => Volatile.Read(ref _footprintsEmitted);

    /// <summary>Reads tiles until the input completes, writing one batch of final footprints per tile.</summary>
    public async Task RunAsync(ChannelReader<GeoTile> input, ChannelWriter<FootprintBatch> output, CancellationToken ct)
    {
        Exception? failure = null;
        try
        {
            var size = _options.TileSizePixels;
            var plane = size * size;
            var tensor = new float[_options.BatchSize * 3 * plane];
            var probabilities = new float[_options.BatchSize * plane];
            var batch = new List<GeoTile>(_options.BatchSize);
            RasterState? raster = null;
            while (await input.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _options.BatchSize && input.TryRead(out var tile))
                {
                    if (tile.Window.Width > size || tile.Window.Height > size)
                    {
                        throw new InvalidOperationException(
                            $"Tile window {tile.Window.Width}x{tile.Window.Height} exceeds the detector's {size} px.");
                    }

                    _packer.Pack(tile, tensor, batch.Count, size);
                    batch.Add(tile);
                }

                if (batch.Count == 0)
                {
                    continue;
                }

                _segmenter.Predict(tensor, batch.Count, size, probabilities);
                for (var slot = 0; slot < batch.Count; slot++)
                {
                    var tile = batch[slot];
                    if (raster is null || raster.SourcePath != tile.SourcePath)
                    {
                        if (raster is not null)
                        {
                            await EmitAsync(output, raster.Finish(), Polygon.Empty, ct).ConfigureAwait(false);
                        }

                        raster = new RasterState(tile, _segmenter.Card.Thresholds.MinAreaSquareMeters);
                    }

                    var pieces = Polygonizer.Extract(tile, probabilities, slot * plane, size, _threshold);
                    var footprints = raster.Accept(tile, pieces);
                    var covered = tile.ValidCoreShare() >= MinValidShareForCoverage
                        ? raster.Builder.WorldRectangle(tile.Core)
                        : (Geometry)Polygon.Empty;
                    Interlocked.Increment(ref _tilesProcessed);
                    await EmitAsync(output, footprints, covered, ct).ConfigureAwait(false);
                }
            }

            if (raster is not null)
            {
                await EmitAsync(output, raster.Finish(), Polygon.Empty, ct).ConfigureAwait(false);
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

    /// <summary>
    /// A tile counts as covered ground (where unseen buildings may be called demolished) only when most of its core
    /// holds imagery; the edges of an orthophoto are ragged.
    /// </summary>
    private const double MinValidShareForCoverage = 0.5;

    private async ValueTask EmitAsync(
        ChannelWriter<FootprintBatch> output, List<Footprint> footprints, Geometry covered, CancellationToken ct)
    {
        if (footprints.Count == 0 && covered.IsEmpty)
        {
            return;
        }

        Interlocked.Add(ref _footprintsEmitted, footprints.Count);
        await output.WriteAsync(new FootprintBatch(footprints, covered), ct).ConfigureAwait(false);
    }

    private sealed class RasterState(GeoTile first, double minAreaSquareMeters)
    {
        private readonly SeamMerger _merger = new();

        public string SourcePath { get; } = first.SourcePath;

        public FootprintBuilder Builder { get; } = new(first.Grid, first.SourcePath, minAreaSquareMeters);

        public List<Footprint> Accept(GeoTile tile, List<PixelPiece> pieces)
        {
            var footprints = new List<Footprint>();
            foreach (var piece in pieces.Where(p => !p.TouchesSeam))
            {
                Builder.Build(piece, footprints);
            }

            foreach (var merged in _merger.Add(tile.TileRow, pieces.Where(p => p.TouchesSeam)))
            {
                Builder.Build(merged, footprints);
            }

            return footprints;
        }

        public List<Footprint> Finish()
        {
            var footprints = new List<Footprint>();
            foreach (var merged in _merger.Flush())
            {
                Builder.Build(merged, footprints);
            }

            return footprints;
        }
    }
}
