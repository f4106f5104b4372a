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
    private readonly PixelRule _rule;
    private readonly GroundEvidenceBuilder _evidence;
    private readonly List<double> _confidences = [];
    private int _tilesProcessed;
    private int _footprintsEmitted;

    /// <summary>Creates the stage around a loaded model.</summary>
    public TileDetector(BuildingSegmenter segmenter, DetectOptions options)
    {
        options.Validate();
        _segmenter = segmenter;
        _options = options;
        _packer = new TensorPacker(segmenter.Card.Input);
        _rule = PixelRule.From(segmenter.Card);
        _evidence = new GroundEvidenceBuilder(segmenter.Card.Thresholds);
    }

    /// <summary>Tiles segmented so far (safe to read from another thread for progress).</summary>
    public int TilesProcessed => Volatile.Read(ref _tilesProcessed);

    /// <summary>Footprints emitted so far.</summary>
    public int FootprintsEmitted => Volatile.Read(ref _footprintsEmitted);

    /// <summary>The confidence of every footprint emitted so far (a copy; safe from another thread).</summary>
    public IReadOnlyList<double> Confidences
    {
        get
        {
            lock (_confidences)
            {
                return [.. _confidences];
            }
        }
    }

    /// <summary>
    /// Reads tiles until the input completes, writing one batch of final footprints per tile, then a last batch with the
    /// run's <see cref="FlightTally"/> (tiles, footprints, confidences). While the network runs
    /// on one batch, the next batch is packed and the previous one is polygonized and merged (one batch deep, in
    /// order), so that this work fills the time inference leaves the cores idle instead of adding to it.
    /// </summary>
    public async Task RunAsync(ChannelReader<GeoTile> input, ChannelWriter<FootprintBatch> output, CancellationToken ct)
    {
        Exception? failure = null;
        var predicting = Task.CompletedTask;
        var finishing = Task.CompletedTask;
        try
        {
            var size = _options.TileSizePixels;
            var plane = size * size;
            var outputPlanes = _options.BatchSize * _segmenter.OutputChannels * plane;

            // Two of each buffer: the network reads one tensor and writes one probability map while the next batch is
            // packed into the other tensor and the previous batch is finished from the other map.
            float[][] tensors = [new float[_options.BatchSize * 3 * plane], new float[_options.BatchSize * 3 * plane]];
            float[][] probabilities = [new float[outputPlanes], new float[outputPlanes]];
            var finisher = new BatchFinisher(this, output);
            var current = 0;
            var batch = await NextBatchAsync(input, tensors[current], ct).ConfigureAwait(false);
            while (batch.Count > 0)
            {
                var (tiles, tensor, predicted) = (batch, tensors[current], probabilities[current]);
                predicting = Task.Run(() => _segmenter.Predict(tensor, tiles.Count, size, predicted), ct);
                batch = await NextBatchAsync(input, tensors[1 - current], ct).ConfigureAwait(false);
                await predicting.ConfigureAwait(false);
                await finishing.ConfigureAwait(false);
                finishing = Task.Run(() => finisher.FinishAsync(tiles, predicted, ct), ct);
                current = 1 - current;
            }

            await finishing.ConfigureAwait(false);
            await finisher.FlushAsync(ct).ConfigureAwait(false);
            var tally = new FlightTally(TilesProcessed, FootprintsEmitted, Confidences, Polygon.Empty);
            await output.WriteAsync(new FootprintBatch([], Polygon.Empty, null, tally), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            failure = ex;
            throw;
        }
        finally
        {
            // Nothing may use the buffers or write after the output is completed; a failure of these two was either
            // awaited above or came after the one being reported.
            await Task.WhenAny(Task.WhenAll(predicting, finishing)).ConfigureAwait(false);
            output.TryComplete(failure);
        }
    }

    /// <summary>
    /// Waits for at least one tile and packs the tiles waiting, up to a batch, into <paramref name="tensor"/>; a partial
    /// batch runs when no more are waiting. Empty when the input is complete.
    /// </summary>
    private async Task<List<GeoTile>> NextBatchAsync(ChannelReader<GeoTile> input, float[] tensor, CancellationToken ct)
    {
        var size = _options.TileSizePixels;
        var batch = new List<GeoTile>(_options.BatchSize);
        while (batch.Count == 0 && await input.WaitToReadAsync(ct).ConfigureAwait(false))
        {
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
        }

        return batch;
    }

    /// <summary>
    /// A tile counts as covered ground (where unseen buildings may be called demolished) only when most of its core
    /// holds imagery; the edges of an orthophoto are ragged.
    /// </summary>
    private const double MinValidShareForCoverage = 0.5;

    private async ValueTask EmitAsync(
        ChannelWriter<FootprintBatch> output, List<Footprint> footprints, Geometry covered, GroundEvidence? evidence,
        CancellationToken ct)
    {
        if (footprints.Count == 0 && covered.IsEmpty && evidence is null)
        {
            return;
        }

        Interlocked.Add(ref _footprintsEmitted, footprints.Count);
        lock (_confidences)
        {
            _confidences.AddRange(footprints.Select(f => f.Confidence));
        }
        await output.WriteAsync(new FootprintBatch(footprints, covered, evidence), ct).ConfigureAwait(false);
    }

    /// <summary>Polygonizes and merges the tiles of one batch after another; one batch at a time, in order.</summary>
    private sealed class BatchFinisher(TileDetector detector, ChannelWriter<FootprintBatch> output)
    {
        private RasterState? _raster;

        public async Task FinishAsync(List<GeoTile> batch, float[] probabilities, CancellationToken ct)
        {
            var size = detector._options.TileSizePixels;
            var slotLength = detector._segmenter.OutputChannels * size * size;
            for (var slot = 0; slot < batch.Count; slot++)
            {
                var tile = batch[slot];
                if (_raster is null || _raster.SourcePath != tile.SourcePath)
                {
                    await FlushAsync(ct).ConfigureAwait(false);
                    _raster = new RasterState(tile, detector._segmenter.Card.Thresholds, detector._rule.Separates);
                }

                var pieces = Polygonizer.Extract(tile, probabilities, slot * slotLength, size, detector._rule);
                var evidence = detector._evidence.Build(tile, probabilities, slot * slotLength, size);
                var footprints = _raster.Accept(tile, pieces);
                var covered = tile.ValidCoreShare() >= MinValidShareForCoverage
                    ? _raster.Builder.WorldRectangle(tile.Core)
                    : (Geometry)Polygon.Empty;
                Interlocked.Increment(ref detector._tilesProcessed);
                await detector.EmitAsync(output, footprints, covered, evidence, ct).ConfigureAwait(false);
            }
        }

        /// <summary>Emits the buildings still waiting at the seams of the current raster (at its end).</summary>
        public async Task FlushAsync(CancellationToken ct)
        {
            if (_raster is not null)
            {
                await detector.EmitAsync(output, _raster.Finish(), Polygon.Empty, null, ct).ConfigureAwait(false);
                _raster = null;
            }
        }
    }

    private sealed class RasterState(GeoTile first, ModelThresholds thresholds, bool touchingBuildingsSeparated)
    {
        private readonly SeamMerger _merger = new(touchingBuildingsSeparated);

        public string SourcePath { get; } = first.SourcePath;

        public FootprintBuilder Builder { get; } = new(first.Grid, first.SourcePath, thresholds);

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
