using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using NetTopologySuite.Geometries;
using Vigil.ChangeCompare;
using Vigil.Core;
using Vigil.Detect;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Flights;
using Vigil.Runs;
using Vigil.Runs.Inputs;
using Vigil.Runs.Pipeline;
using Vigil.Runs.Video;

namespace Vigil.Runs.Flights;

/// <summary>
/// Wires one flight through the pipeline: orthophoto tiles -> detection -> change comparison -> ledger, over bounded
/// channels. Everything systemic (model, baseline, black list, ledger) is validated before any tile is read.
/// </summary>
public static class FlightRunner
{
    /// <summary>
    /// GDAL's block cache for the warped reads: a few rows of source blocks are plenty for row-major tiling, and the
    /// default (5% of RAM) would dominate the run's memory.
    /// </summary>
    private const int GdalBlockCacheMegabytes = 128;

    /// <summary>
    /// Runs a flight. Throws <see cref="RunFailedException"/> with a one-line reason and an exit code when the run
    /// cannot start (a video among the inputs, no baseline, unusable options or model) or no input is usable;
    /// <see cref="OperationCanceledException"/> when cancelled.
    /// </summary>
    public static async Task<FlightRunResult> RunAsync(
        FlightRunOptions options, Action<RunProgress>? onProgress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Inputs.Any(VideoRunner.IsVideo))
        {
            throw new RunFailedException("videos and orthophotos go in separate runs", ExitCodes.BadConfiguration);
        }

        if (string.IsNullOrWhiteSpace(options.BaselinePath))
        {
            throw new RunFailedException("--baseline is required for orthophoto inputs", ExitCodes.BadConfiguration);
        }

        using var segmenter = LoadModel(options);
        var rejections = new RejectionLog();
        using var inputs = Configure(() => PhotoInputs.Prepare(options.Inputs, options.AltitudeAglMeters, rejections));
        return await RunAsync(options, segmenter, inputs, rejections, onProgress, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks the options and loads the model: the first step of every run, before any input is touched. Throws
    /// <see cref="RunFailedException"/> with <see cref="ExitCodes.BadConfiguration"/> when one is unusable.
    /// </summary>
    public static BuildingSegmenter LoadModel(FlightRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        GdalRuntime.EnsureInitialized();
        Configure(() =>
        {
            new DetectOptions(options.TileSizePixels, options.BatchSize).Validate();
            (options.Change ?? new ChangeOptions()).Validate();
            options.Limits.Validate();
            if (options.DsmCrs is { } crs)
            {
                SurfaceModelReader.CheckCrs(crs);
            }

            return 0;
        });
        var card = Configure(() => ModelCard.Load(options.ModelPath));
        return Configure(() => new BuildingSegmenter(card, options.Threads));
    }

    /// <summary>
    /// Runs a flight over inputs already prepared (orthophotos and georeferenced pictures), with the model of
    /// <see cref="LoadModel"/>; every rejection of the run, the preparation's included, is recorded on the flight.
    /// With <paramref name="begun"/> (a video run, which began the flight before its street evidence), the flight is
    /// not begun again and keeps that start time.
    /// </summary>
    internal static async Task<FlightRunResult> RunAsync(
        FlightRunOptions options, BuildingSegmenter segmenter, PhotoInputs inputs, RejectionLog rejections,
        Action<RunProgress>? onProgress, CancellationToken ct, FlightStart? begun = null)
    {
        GdalRuntime.SetBlockCacheMegabytes(GdalBlockCacheMegabytes);
        var card = segmenter.Card;
        var change = options.Change ?? new ChangeOptions();
        if (change.NewMinConfidence is null)
        {
            change = change with { NewMinConfidence = CaseConfidence.Level(card) };
        }

        var detectOptions = new DetectOptions(options.TileSizePixels, options.BatchSize);
        var probes = ProbeInputs(inputs.Rasters, options.Limits);
        if (probes.Count == 0)
        {
            var reasons = rejections.Items.Select(r => r.ToString()).Concat(inputs.Rasters.Select(i => ProbeError(i, options.Limits) ?? i));
            throw new RunFailedException($"no input could be read: {string.Join("; ", reasons)}", ExitCodes.NoUsableInput);
        }

        var zone = inputs.HasPhotos && inputs.Rasters.Count == inputs.Photos.Count
            ? inputs.Photos[0].Footprint.Zone
            : UtmZone.Containing(probes[0].CenterLongitude, probes[0].CenterLatitude);
        var baseline = Configure(() => BaselineLoader.Load(options.BaselinePath, zone, rejections));
        Configure(() =>
        {
            FlightOverlap.Ensure(probes, baseline, options.BaselinePath, zone);
            return 0;
        });
        var zones = options.BlacklistPath is null
            ? []
            : Configure(() => BaselineLoader.LoadZones(options.BlacklistPath, zone));
        var tiling = Configure(() =>
        {
            var t = new TilingOptions(card.GsdMeters, zone, options.TileSizePixels, options.OverlapPixels) { Limits = options.Limits };
            t.Validate();
            return t;
        });

        using var store = LedgerLocation.Open(options.LedgerPath);
        if (zones.Count > 0)
        {
            store.ReplaceBlacklistZones(
                zones.Select(z => (z.Name, zone.ToWgs84(z.Geometry))).ToList(), DateTimeOffset.UtcNow, options.Actor);
        }

        // Every case is compared, closed ones too: a detection on a rejected case is not raised again, one on a
        // demolished case makes it rebuilt, and a demolished case not seen is verified (LedgerWriter).
        var openCases = store.ReadRecords()
            .Where(r => r.Kind != ViolationKinds.DemolishedCandidate)
            .Select(r => new BaselineFeature(r.Number, BaselineFeatureKind.LedgerRecord, zone.FromWgs84(r.FootprintWgs84)));
        var index = new BaselineIndex(baseline.Concat(openCases));

        var flightId = options.FlightId ?? DeriveFlightId(inputs.Files);
        var started = begun?.StartedUtc ?? DateTimeOffset.UtcNow;
        var capture = FlightCapture.Resolve(options.CapturedOn, inputs);
        var flight = new FlightContext(flightId, zone, started, inputs.Files.Select(Path.GetFullPath).ToList(),
            capture.CapturedUtc, capture.Source) { Begun = begun is not null };
        var writer = new LedgerWriter(store, flight, zones, options.Actor);

        var reader = new OrthophotoTileReader(tiling, rejections);
        var detector = new TileDetector(segmenter, detectOptions);
        var surfaces = ReadSurfaces(options, inputs, zone, tiling.GsdMeters, rejections);
        var classifier = new ChangeClassifier(index, change, surfaces);
        var merger = inputs.HasPhotos ? new OverlapMerger(inputs.Centres) : null;
        var stages = new StageList<LedgerMessage, LedgerRunSummary>(
            (tiles, token) => reader.RunAsync(inputs.Rasters, tiles, token),
            detector.RunAsync,
            merger is null ? null : merger.RunAsync,
            classifier.RunAsync,
            writer.RunAsync);
        var capacities = new ChannelCapacities(
            options.TileChannelCapacity, options.FootprintChannelCapacity, options.FindingChannelCapacity);

        var clock = Stopwatch.StartNew();
        var expected = probes.Sum(p => ExpectedTiles(p, tiling));
        using var ticker = onProgress is null ? null : new Timer(
            _ => onProgress(new RunProgress(detector.TilesProcessed, expected, clock.Elapsed)), null, 500, 500);

        LedgerRunSummary summary;
        try
        {
            summary = await StageLine.RunAsync(stages, capacities, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // A run that stopped never got its tally: the failed flight keeps the progress made, and no covered ground.
            writer.CompleteFlight(Polygon.Empty, detector.TilesProcessed, detector.FootprintsEmitted, rejections.Items, failed: true);
            if (ex is OperationCanceledException && ct.IsCancellationRequested)
            {
                throw;
            }

            throw new RunFailedException($"run stopped: {ex.Message}", ExitCodes.Failure, ex);
        }

        var tally = summary.Tally ?? throw new InvalidOperationException("The run ended without its tally.");
        onProgress?.Invoke(new RunProgress(tally.Tiles, expected, clock.Elapsed));
        var unreadable = options.StrictInputs ? Unreadable(inputs, rejections.Items) : [];
        writer.CompleteFlight(tally.CoveredArea, tally.Tiles, tally.Footprints, rejections.Items,
            failed: tally.Tiles == 0 || unreadable.Count > 0);
        if (tally.Tiles == 0)
        {
            throw new RunFailedException(
                $"no input could be processed: {string.Join("; ", rejections.Items)}", ExitCodes.NoUsableInput);
        }

        var geoJsonPath = NewRecordsExport.Write(store, options.LedgerPath, flightId);
        var detected = summary.FindingsByKind
            .Where(k => k.Key is FindingKind.New or FindingKind.Expanded or FindingKind.KnownViolation or FindingKind.Unchanged)
            .Sum(k => k.Value);
        var opened = summary.FindingsByKind.Where(k => k.Key is FindingKind.New or FindingKind.Expanded).Sum(k => k.Value);
        return new FlightRunResult(flightId, zone, tally.Tiles, tally.Footprints, summary,
            rejections.Items, geoJsonPath, clock.Elapsed, BaselineCoverage.Of(baseline, tally.CoveredArea, zone), capture)
        {
            Unreadable = unreadable,
            DomainWarnings = DomainCheck.Check(baseline, tally.CoveredArea, detected, opened, tally.Confidences, card),
        };
    }

    /// <summary>A stable flight identifier from the inputs' names, sizes and times: rerunning the same files gives the same id.</summary>
    public static string DeriveFlightId(IReadOnlyList<string> inputs)
    {
        var text = new StringBuilder();
        foreach (var input in inputs.Select(Path.GetFullPath).Order(StringComparer.Ordinal))
        {
            var info = new FileInfo(input);
            text.Append(input).Append('|').Append(info.Exists ? info.Length : -1).Append('|')
                .Append(info.Exists ? info.LastWriteTimeUtc.Ticks : 0).Append('\n');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
        var stem = Path.GetFileNameWithoutExtension(inputs[0]);
        return $"{stem}-{hash}";
    }

    /// <summary>
    /// The flight's and the baseline's surface models in the working CRS at the model's GSD; a DSM that cannot be used
    /// (unreadable, or in another CRS than the orthophoto) is a rejection and the run goes on without heights.
    /// </summary>
    private static SurfaceEpochs? ReadSurfaces(
        FlightRunOptions options, PhotoInputs inputs, UtmZone zone, double gsdMeters, RejectionLog rejections)
    {
        var orthophoto = inputs.Rasters.Except(inputs.Photos.Select(p => p.RasterPath)).FirstOrDefault();
        HeightGrid? Read(string? path)
        {
            if (path is null)
            {
                return null;
            }

            try
            {
                return SurfaceModelReader.Read(path, zone, gsdMeters, orthophoto, options.DsmCrs);
            }
            catch (InputException ex)
            {
                rejections.Add(ex.Path, ex.Reason);
                return null;
            }
        }

        var current = Read(options.DsmPath);
        var before = current is null ? null : Read(options.BaselineDsmPath);
        return current is null ? null : new SurfaceEpochs(current, before);
    }

    /// <summary>The rejections of orthophotos (not of photos, which are left out by design when oblique or untagged).</summary>
    private static List<Rejection> Unreadable(PhotoInputs inputs, IReadOnlyList<Rejection> rejections)
    {
        var orthophotos = inputs.Rasters.Except(inputs.Photos.Select(p => p.RasterPath)).ToHashSet(StringComparer.Ordinal);
        return [.. rejections.Where(r => orthophotos.Contains(r.Source))];
    }

    private static List<RasterInfo> ProbeInputs(IReadOnlyList<string> inputs, RasterLimits limits)
    {
        var probes = new List<RasterInfo>();
        foreach (var input in inputs)
        {
            try
            {
                probes.Add(RasterProbe.Inspect(input, limits));
            }
            catch (InputException)
            {
                // The reader records the same rejection with its reason when it reaches this input.
            }
        }

        return probes;
    }

    private static string? ProbeError(string input, RasterLimits limits)
    {
        try
        {
            RasterProbe.Inspect(input, limits);
            return null;
        }
        catch (InputException ex)
        {
            return ex.Message;
        }
    }

    private static int ExpectedTiles(RasterInfo probe, TilingOptions tiling)
    {
        var scale = probe.ApproxGsdMeters / tiling.GsdMeters;
        var stride = tiling.TileSizePixels - 2 * tiling.OverlapPixels;
        var across = (int)Math.Ceiling(probe.WidthPixels * scale / stride);
        var down = (int)Math.Ceiling(probe.HeightPixels * scale / stride);
        return Math.Max(1, across * down);
    }

    private static T Configure<T>(Func<T> step)
    {
        try
        {
            return step();
        }
        catch (Exception ex) when (ex is InputException or ModelCardException or ArgumentException or InvalidDataException or IOException)
        {
            throw new RunFailedException(ex.Message, ExitCodes.BadConfiguration, ex);
        }
    }
}
