using System.Diagnostics;
using NetTopologySuite.Geometries;
using OpenCvSharp;
using Vigil.Core;
using Vigil.Detect;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;
using Vigil.Ledger.Cases;
using Vigil.Runs.Flights;

namespace Vigil.Runs.Evaluation;

/// <summary>
/// <c>vigil eval --change</c>: flight-to-flight change on real before/after pairs, through the commands an office runs.
/// Each before image becomes a baseline (<see cref="BaselineBuilder"/>, as <c>vigil baseline</c>), its after image is
/// run against it into a fresh ledger (<see cref="FlightRunner"/>, as <c>vigil run</c>), and the records are scored on
/// the change label: the labelled change regions caught as <c>new</c>, the new records on unchanged ground, and the
/// records on pairs with no change at all. The after image runs with every kept footprint free to open a case, so the
/// figures come at the model's own case level (<see cref="CaseConfidence"/>) and at every level above the card's
/// <c>minConfidence</c>: what a card's level buys and costs, read off one run.
/// </summary>
public static class ChangeEvaluator
{
    /// <summary>
    /// Change regions smaller than this are not counted, m²: a shed is about 6 m², and a few pixels of label noise at
    /// the edge of a changed field are not a building.
    /// </summary>
    public const double MinChangedSquareMeters = 10;

    /// <summary>A changed region is caught when new records cover at least this share of it...</summary>
    public const double CaughtCoverShare = 0.25;

    /// <summary>...or a new record lies at least this share on it; a new record lying less on change is false.</summary>
    public const double RecordOnChangeShare = 0.5;

    /// <summary>Step between the case levels the report sweeps, from the card's minConfidence up.</summary>
    public const double LevelStep = 0.05;

    private static readonly DateTimeOffset BeforeDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset AfterDate = new(2001, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Evaluates every triplet; files that cannot be evaluated are listed in the report's rejections.</summary>
    public static async Task<ChangeReport> RunAsync(ChangeEvaluationOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        GdalRuntime.EnsureInitialized();
        var card = ModelCard.Load(options.ModelPath);
        var keep = card.Thresholds.MinConfidence ?? 0;
        var level = CaseConfidence.Level(card);
        var levels = Enumerable.Range(0, (int)Math.Ceiling((1 - keep) / LevelStep))
            .Select(i => Math.Round(keep + (i * LevelStep), 3)).Append(level).Distinct().Order().ToList();
        var rejections = new RejectionLog();
        var afters = EvaluationPairing.Pair(options.BeforeFolder, options.AfterFolder, rejections)
            .ToDictionary(p => p.ImagePath, p => p.MaskPath!);
        var labels = EvaluationPairing.Pair(options.BeforeFolder, options.LabelsFolder, rejections)
            .ToDictionary(p => p.ImagePath, p => p.MaskPath!);
        var scratch = Directory.CreateTempSubdirectory("vigil-eval-change-");
        var clock = Stopwatch.StartNew();
        var pairs = new List<ChangePairScore>();
        try
        {
            foreach (var before in afters.Keys.Where(labels.ContainsKey).Order(StringComparer.Ordinal))
            {
                ct.ThrowIfCancellationRequested();
                try
                {
                    pairs.Add(await EvaluateAsync(before, afters[before], labels[before], options, levels, level, scratch.FullName, ct)
                        .ConfigureAwait(false));
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

        return new ChangeReport(pairs, rejections.Items, clock.Elapsed, level);
    }

    private static async Task<ChangePairScore> EvaluateAsync(
        string beforePath, string afterPath, string labelPath, ChangeEvaluationOptions options, IReadOnlyList<double> levels,
        double level, string scratch, CancellationToken ct)
    {
        var name = Path.GetFileNameWithoutExtension(beforePath);
        var before = Georeference(beforePath, options.GsdMeters, Path.Combine(scratch, $"{name}.before.tif"));
        var after = Georeference(afterPath, options.GsdMeters, Path.Combine(scratch, $"{name}.after.tif"));
        var label = RasterFile.ReadAll(labelPath);
        if ((label.Width, label.Height) != (before.Grid.Width, before.Grid.Height) ||
            (after.Grid.Width, after.Grid.Height) != (before.Grid.Width, before.Grid.Height))
        {
            throw new InputException(labelPath,
                $"before {before.Grid.Width}x{before.Grid.Height}, after {after.Grid.Width}x{after.Grid.Height} and label {label.Width}x{label.Height} px differ");
        }

        var baseline = Path.Combine(scratch, $"{name}.baseline.gpkg");
        await BaselineBuilder.RunAsync(Flight(before.Path, "", "", $"{name}-before", BeforeDate, options), baseline, null, ct)
            .ConfigureAwait(false);
        var ledger = Path.Combine(scratch, $"{name}.gpkg");
        var afterRun = Flight(after.Path, baseline, ledger, $"{name}-after", AfterDate, options) with
        {
            Change = new ChangeOptions(NewMinConfidence: levels[0]),
        };
        var run = await FlightRunner.RunAsync(afterRun, null, ct).ConfigureAwait(false);
        IReadOnlyList<ViolationRecord> records;
        using (var store = LedgerLocation.Open(ledger))
        {
            records = store.ReadRecords();
        }

        var changed = label.Bands[0].Select(v => v != 0).ToArray();
        var newRecords = records.Where(r => r.Kind == ViolationKinds.New).ToList();
        var burnt = before.Grid.Burn(newRecords.Select(r => run.WorkingCrs.FromWgs84(r.FootprintWgs84)).ToList(), run.WorkingCrs);
        var onChange = Enumerable.Range(1, newRecords.Count).Select(i => OnChangeShare(burnt, changed, i) >= RecordOnChangeShare).ToList();
        var byLevel = levels.Select(l => Score(l, newRecords, onChange, burnt, changed, before.Grid)).ToList();
        var atLevel = byLevel.Single(s => s.Level == level);
        var belowLevel = newRecords.Count - atLevel.NewRecords;
        return new ChangePairScore(
            Path.GetFileName(beforePath), atLevel.ChangedRegions, atLevel.Caught, atLevel.NewRecords, atLevel.FalseNew,
            records.Count(r => r.Kind == ViolationKinds.Expanded),
            records.Count(r => r.Kind == ViolationKinds.DemolishedCandidate),
            records.Count - belowLevel,
            !changed.Any(c => c))
        {
            ByLevel = byLevel,
        };
    }

    /// <summary>The pair's new-record figures had only records at <paramref name="level"/> or above opened a case.</summary>
    private static LevelScore Score(
        double level, IReadOnlyList<ViolationRecord> newRecords, IReadOnlyList<bool> onChange, int[] burnt, bool[] changed, ReferenceGrid grid)
    {
        var opened = newRecords.Select(r => r.Confidence >= level).ToList();
        var kept = burnt.Select(b => b != 0 && opened[b - 1] ? b : 0).ToArray();
        var (regions, caught) = Regions(changed, kept, grid);
        return new LevelScore(
            level, regions, caught, opened.Count(o => o), Enumerable.Range(0, opened.Count).Count(i => opened[i] && !onChange[i]));
    }

    private static FlightRunOptions Flight(
        string input, string baseline, string ledger, string flightId, DateTimeOffset capturedOn, ChangeEvaluationOptions options) =>
        new([input], baseline, ledger, null, options.ModelPath, flightId, options.Threads) { CapturedOn = capturedOn };

    private static (string Path, ReferenceGrid Grid) Georeference(string path, double? gsdMeters, string copy)
    {
        var image = RasterFile.ReadAll(path);
        if (image.Transform is { } t && image.CrsWkt is { } crs)
        {
            return (path, new ReferenceGrid(image.Width, image.Height, t, crs, RasterProbe.Inspect(path).ApproxGsdMeters));
        }

        if (gsdMeters is not { } gsd)
        {
            throw new InputException(path, "not georeferenced: pass --gsd to declare its ground sample distance");
        }

        return (copy, Evaluator.WriteLocal(image.Width, image.Height, image.Bands, gsd, copy));
    }

    /// <summary>The labelled change regions of at least <see cref="MinChangedSquareMeters"/>, and how many new records caught.</summary>
    private static (int Regions, int Caught) Regions(bool[] changed, int[] burnt, ReferenceGrid grid)
    {
        using var mask = Mat.FromPixelData(grid.Height, grid.Width, MatType.CV_8UC1, changed.Select(c => c ? (byte)255 : (byte)0).ToArray());
        using var components = new Mat();
        var count = Cv2.ConnectedComponents(mask, components, PixelConnectivity.Connectivity8, MatType.CV_32SC1);
        components.GetArray(out int[] region);
        var pixels = new int[count];
        var covered = new int[count];
        var recordPixels = new Dictionary<int, int>[count];
        for (var i = 0; i < region.Length; i++)
        {
            if (region[i] == 0)
            {
                continue;
            }

            pixels[region[i]]++;
            if (burnt[i] != 0)
            {
                covered[region[i]]++;
                var byRecord = recordPixels[region[i]] ??= [];
                byRecord[burnt[i]] = byRecord.GetValueOrDefault(burnt[i]) + 1;
            }
        }

        var recordSizes = burnt.Where(b => b != 0).GroupBy(b => b).ToDictionary(g => g.Key, g => g.Count());
        var minPixels = MinChangedSquareMeters / (grid.GsdMeters * grid.GsdMeters);
        var regions = 0;
        var caught = 0;
        for (var r = 1; r < count; r++)
        {
            if (pixels[r] < minPixels)
            {
                continue;
            }

            regions++;
            if (covered[r] >= CaughtCoverShare * pixels[r] ||
                (recordPixels[r]?.Any(kv => kv.Value >= RecordOnChangeShare * recordSizes[kv.Key]) ?? false))
            {
                caught++;
            }
        }

        return (regions, caught);
    }

    private static double OnChangeShare(int[] burnt, bool[] changed, int record)
    {
        var (all, on) = (0, 0);
        for (var i = 0; i < burnt.Length; i++)
        {
            if (burnt[i] == record)
            {
                all++;
                on += changed[i] ? 1 : 0;
            }
        }

        return all == 0 ? 1 : (double)on / all;
    }
}
