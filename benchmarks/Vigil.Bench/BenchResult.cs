using System.Globalization;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>The figures of one <c>vigil bench</c>.</summary>
/// <param name="Machine">Cores and CPU model.</param>
/// <param name="RasterPixels">Pixels of the raster at the model's GSD.</param>
/// <param name="GsdMeters">The model's GSD.</param>
/// <param name="Tiles">Tiles the pipeline processed.</param>
/// <param name="Detections">Footprints it detected.</param>
/// <param name="NumbersAssigned">Cases it opened in the ledger.</param>
/// <param name="PipelineSeconds">Wall time of the pipeline, from the first tile read to the last record written.</param>
/// <param name="PipelineCpuSeconds">CPU time of the process during the pipeline (model and baseline loading included).</param>
/// <param name="PipelinePeakRssMegabytes">Peak resident set of the process during the pipeline, MB.</param>
/// <param name="InferenceOnlySeconds">Wall time of the same tiles through the ONNX session alone.</param>
/// <param name="InferenceOnlyCpuSeconds">CPU time of the process during the inference-only run.</param>
/// <param name="Python">The Python reference's figures, or null when it was skipped.</param>
public sealed record BenchResult(
    string Machine,
    long RasterPixels,
    double GsdMeters,
    int Tiles,
    int Detections,
    int NumbersAssigned,
    double PipelineSeconds,
    double PipelineCpuSeconds,
    double PipelinePeakRssMegabytes,
    double InferenceOnlySeconds,
    double InferenceOnlyCpuSeconds,
    PythonReference.Figures? Python)
{
    /// <summary>Raster megapixels per second through the whole pipeline.</summary>
    public double PipelineMegapixelsPerSecond => RasterPixels / 1e6 / PipelineSeconds;

    /// <summary>Raster megapixels per second through inference alone.</summary>
    public double InferenceOnlyMegapixelsPerSecond => RasterPixels / 1e6 / InferenceOnlySeconds;

    /// <summary>Pipeline over inference-only throughput (1 = everything else hidden behind inference).</summary>
    public double Ratio => PipelineMegapixelsPerSecond / InferenceOnlyMegapixelsPerSecond;

    /// <summary>Ground covered per hour at the model's GSD, km².</summary>
    public double SquareKilometersPerHour => PipelineMegapixelsPerSecond * 1e6 * GsdMeters * GsdMeters * 3600 / 1e6;

    /// <summary>Vigil's pipeline over the Python reference's throughput, or null.</summary>
    public double? PythonRatio => Python is null ? null : PipelineMegapixelsPerSecond / Python.MegapixelsPerSecond;

    /// <summary>The human-readable report.</summary>
    public IEnumerable<string> Lines()
    {
        yield return $"machine: {Machine}";
        yield return $"raster: {RasterPixels / 1e6:F0} Mpx at {GsdMeters} m ({RasterPixels * GsdMeters * GsdMeters / 1e6:F2} km²), " +
                     $"{Tiles} tiles, {Detections} detections, {NumbersAssigned} cases opened";
        yield return $"pipeline:       {PipelineMegapixelsPerSecond,7:F3} Mpx/s  {SquareKilometersPerHour,6:F1} km²/h  " +
                     $"{PipelineSeconds,7:F1} s  CPU {PipelineCpuSeconds,6:F1} s  peak RSS {PipelinePeakRssMegabytes:F0} MB";
        yield return $"inference only: {InferenceOnlyMegapixelsPerSecond,7:F3} Mpx/s  {InferenceOnlySeconds,21:F1} s  CPU {InferenceOnlyCpuSeconds,6:F1} s";
        yield return $"pipeline / inference only: {Ratio:F3}";
        if (Python is { } python)
        {
            yield return $"python reference ({python.Tiles} tiles, {python.Weights} weights): {python.MegapixelsPerSecond:F3} Mpx/s  " +
                         $"{python.Seconds:F1} s  peak RSS {python.PeakRssMegabytes:F0} MB";
            yield return $"vigil / python: {PythonRatio:F2}";
        }
    }

    /// <summary>One JSON object with the figures (snake case, the first four as the issue names them).</summary>
    public string ToJson()
    {
        var figures = new Dictionary<string, object?>
        {
            ["pipeline_mpx_s"] = Round(PipelineMegapixelsPerSecond),
            ["inference_only_mpx_s"] = Round(InferenceOnlyMegapixelsPerSecond),
            ["ratio"] = Round(Ratio),
            ["peak_rss_mb"] = Math.Round(PipelinePeakRssMegabytes),
            ["km2_per_hour"] = Round(SquareKilometersPerHour),
            ["raster_px"] = RasterPixels,
            ["gsd_m"] = GsdMeters,
            ["tiles"] = Tiles,
            ["detections"] = Detections,
            ["cases_opened"] = NumbersAssigned,
            ["pipeline_s"] = Round(PipelineSeconds),
            ["inference_only_s"] = Round(InferenceOnlySeconds),
            ["pipeline_cpu_s"] = Round(PipelineCpuSeconds),
            ["inference_only_cpu_s"] = Round(InferenceOnlyCpuSeconds),
            ["python_mpx_s"] = Python is null ? null : Round(Python.MegapixelsPerSecond),
            ["python_tiles"] = Python?.Tiles,
            ["python_peak_rss_mb"] = Python is null ? null : Math.Round(Python.PeakRssMegabytes),
            ["vigil_over_python"] = PythonRatio is { } r ? Round(r) : null,
            ["machine"] = Machine,
        };
        return JsonSerializer.Serialize(figures);
    }

    // Four decimals, or four significant digits for smaller figures: a tiny test model's inference-only time under a
    // loaded machine gives ratios like 0.00004, which four decimals would print as 0.
    private static double Round(double value) => value == 0 || !double.IsFinite(value)
        ? value
        : Math.Round(value, Math.Clamp(3 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 4, 15));

    /// <summary>"N cores, CPU model" from /proc/cpuinfo.</summary>
    public static string DescribeMachine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores, {model ?? "unknown CPU"}, {memory:F0} GiB");
    }
}
