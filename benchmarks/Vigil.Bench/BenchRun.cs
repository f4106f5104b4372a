using Vigil.Detect;
using Vigil.Runs;
using Vigil.Runs.Flights;

namespace Vigil.Bench;

/// <summary>
/// <c>vigil bench</c>: the generated raster through the real pipeline (reader, detector, classifier, ledger), the same
/// tiles through the ONNX session alone, and the Python reference over the same raster, one after the other in one run.
/// </summary>
public static class BenchRun
{
    private const string FlightId = "bench";

    /// <summary>Runs the three measurements; <paramref name="log"/> receives progress lines.</summary>
    public static async Task<BenchResult> RunAsync(BenchOptions options, Action<string> log, CancellationToken ct)
    {
        ModelCard card;
        try
        {
            card = ModelCard.Load(options.ModelPath);
        }
        catch (ModelCardException ex)
        {
            throw new RunFailedException(ex.Message, ExitCodes.BadConfiguration, ex);
        }

        var raster = BenchRaster.Ensure(options.WorkDirectory, options.SizePixels, card.GsdMeters, log);
        var ledger = Path.Combine(options.WorkDirectory, "bench-ledger.gpkg");
        foreach (var stale in Directory.EnumerateFiles(options.WorkDirectory, "bench-ledger.gpkg*"))
        {
            File.Delete(stale);
        }

        log($"pipeline: {options.Threads} threads, batch {options.BatchSize}, tiles {options.TileSizePixels} px");
        PeakMemory.Reset();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var run = await FlightRunner.RunAsync(
            new FlightRunOptions([raster.RasterPath], raster.BaselinePath, ledger, null, options.ModelPath, FlightId,
                options.Threads, options.BatchSize, options.TileSizePixels, options.OverlapPixels),
            null, ct).ConfigureAwait(false);
        var pipelineCpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var peak = PeakMemory.PeakMegabytes();
        log($"pipeline: {run.Tiles} tiles in {run.Elapsed.TotalSeconds:F1} s, peak RSS {peak:F0} MB, garbage collections " +
            $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} (gen 0/1/2), paused {GC.GetTotalPauseDuration().TotalSeconds:F2} s");

        log($"inference only: {run.Tiles} tiles");
        TimeSpan inference;
        TimeSpan inferenceCpu;
        using (var segmenter = new BuildingSegmenter(card, options.Threads))
        {
            cpuBefore = Environment.CpuUsage.TotalTime;
            inference = InferenceOnly.Run(segmenter, run.Tiles, options.TileSizePixels, options.BatchSize);
            inferenceCpu = Environment.CpuUsage.TotalTime - cpuBefore;
        }

        log($"inference only: {inference.TotalSeconds:F1} s");
        var python = await RunPythonAsync(options, raster.RasterPath, log, ct).ConfigureAwait(false);
        return new BenchResult(BenchResult.DescribeMachine(), (long)raster.SizePixels * raster.SizePixels, card.GsdMeters,
            run.Tiles, run.Detections, run.Ledger.NumbersAssigned.Count, run.Elapsed.TotalSeconds, pipelineCpu.TotalSeconds, peak,
            inference.TotalSeconds, inferenceCpu.TotalSeconds, python);
    }

    private static async Task<PythonReference.Figures?> RunPythonAsync(
        BenchOptions options, string rasterPath, Action<string> log, CancellationToken ct)
    {
        if (options.Python is null)
        {
            return null;
        }

        var script = options.PythonScript ?? PythonReference.FindScript();
        if (script is null)
        {
            log("python reference skipped: benchmarks/python_reference.py not found (pass --python-script)");
            return null;
        }

        log($"python reference: {options.Python} {script}");
        try
        {
            var figures = await PythonReference.RunAsync(options.Python, script, rasterPath, options, options.PythonMaxTiles, ct)
                .ConfigureAwait(false);
            log($"python reference: {figures.Tiles} tiles in {figures.Seconds:F1} s");
            return figures;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or System.Text.Json.JsonException)
        {
            log($"python reference failed: {ex.Message}");
            return null;
        }
    }
}
