using System.Threading.Channels;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using Vigil.Core;

namespace Vigil.Detect;

/// <summary>
/// Pipeline stage between Detect and ChangeCompare for inputs that overlap (drone photos): one structure seen in
/// several rasters must become one footprint. Covered ground and its evidence pass through at once; footprints are
/// held until the input completes, then grouped (different rasters, intersection over union above <see cref="MinIoU"/>, or one
/// covering at least <see cref="MinCoverShare"/> of the other) and each group emitted as the outline from the raster
/// whose centre lies nearest to it: the least lens and perspective distortion. Not thread-safe; one run at a time.
/// </summary>
public sealed class OverlapMerger
{
    /// <summary>Intersection over union above which two detections from different rasters are one structure.</summary>
    public const double MinIoU = 0.3;

    /// <summary>
    /// Share of the smaller outline inside the larger above which they are one structure: a building cut by one
    /// photo's edge is a part of the whole seen in the next, with a low IoU.
    /// </summary>
    public const double MinCoverShare = 0.7;

    private readonly IReadOnlyDictionary<string, Coordinate> _rasterCentres;

    /// <summary>Creates the stage.</summary>
    /// <param name="rasterCentres">Ground position of each raster's centre, working CRS, by source path.</param>
    public OverlapMerger(IReadOnlyDictionary<string, Coordinate> rasterCentres)
    {
        ArgumentNullException.ThrowIfNull(rasterCentres);
        _rasterCentres = rasterCentres;
    }

    /// <summary>Footprints that were merged into another from a different raster, so far.</summary>
    public int FootprintsMerged { get; private set; }

    /// <summary>
    /// Reads batches until the input completes; writes covered ground as it comes and the merged footprints at the end,
    /// on the last batch with the run's <see cref="FlightTally"/> when one came.
    /// </summary>
    public async Task RunAsync(ChannelReader<FootprintBatch> input, ChannelWriter<FootprintBatch> output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        Exception? failure = null;
        var held = new List<Footprint>();
        FlightTally? tally = null;
        try
        {
            await foreach (var batch in input.ReadAllAsync(ct).ConfigureAwait(false))
            {
                held.AddRange(batch.Footprints);
                tally ??= batch.Tally;
                if (!batch.CoveredArea.IsEmpty || batch.Evidence is not null)
                {
                    await output.WriteAsync(batch with { Footprints = [] }, ct).ConfigureAwait(false);
                }
            }

            var merged = Merge(held);
            FootprintsMerged = held.Count - merged.Count;
            await output.WriteAsync(new FootprintBatch(merged, Polygon.Empty, null, tally), ct).ConfigureAwait(false);
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

    /// <summary>Groups footprints of one structure seen in different rasters and keeps one outline per group.</summary>
    public IReadOnlyList<Footprint> Merge(IReadOnlyList<Footprint> footprints)
    {
        ArgumentNullException.ThrowIfNull(footprints);
        var index = new STRtree<int>();
        for (var i = 0; i < footprints.Count; i++)
        {
            index.Insert(footprints[i].Outline.EnvelopeInternal, i);
        }

        var parent = Enumerable.Range(0, footprints.Count).ToArray();
        int Root(int i) => parent[i] == i ? i : parent[i] = Root(parent[i]);
        for (var i = 0; i < footprints.Count; i++)
        {
            foreach (var j in index.Query(footprints[i].Outline.EnvelopeInternal))
            {
                if (j > i && footprints[i].SourcePath != footprints[j].SourcePath && SameStructure(footprints[i].Outline, footprints[j].Outline))
                {
                    parent[Root(j)] = Root(i);
                }
            }
        }

        return [.. Enumerable.Range(0, footprints.Count)
            .GroupBy(Root)
            .Select(g => g.Select(i => footprints[i]).MinBy(DistanceToCentre)!)];
    }

    /// <summary>True when two outlines are one structure by <see cref="MinIoU"/> or <see cref="MinCoverShare"/>.</summary>
    public static bool SameStructure(Geometry a, Geometry b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!a.EnvelopeInternal.Intersects(b.EnvelopeInternal))
        {
            return false;
        }

        var intersection = a.Intersection(b).Area;
        if (intersection <= 0)
        {
            return false;
        }

        var union = a.Area + b.Area - intersection;
        return intersection / union > MinIoU || intersection / Math.Min(a.Area, b.Area) >= MinCoverShare;
    }

    private double DistanceToCentre(Footprint footprint) =>
        _rasterCentres.TryGetValue(footprint.SourcePath, out var centre)
            ? footprint.Outline.Centroid.Coordinate.Distance(centre)
            : double.MaxValue;
}
