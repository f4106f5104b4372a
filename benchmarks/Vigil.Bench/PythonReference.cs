using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Vigil.Bench;

/// <summary>
/// Runs benchmarks/python_reference.py (GDAL windowed reads and the same network in PyTorch, the way raster-vision and
/// solaris predict) over the same raster and tiles, and reads the figures it prints as its last line.
/// </summary>
public static class PythonReference
{
    /// <summary>What the reference measured.</summary>
    /// <param name="MegapixelsPerSecond">Raster pixels (tile cores) per second of wall time, 10^6.</param>
    /// <param name="Tiles">Tiles it processed.</param>
    /// <param name="Seconds">Its wall time over the tiles.</param>
    /// <param name="PeakRssMegabytes">Its peak resident set, MB.</param>
    /// <param name="Weights">"trained" or "random" (the speed does not depend on them).</param>
    public sealed record Figures(double MegapixelsPerSecond, int Tiles, double Seconds, double PeakRssMegabytes, string Weights);

    /// <summary>The script in a checkout: searched upwards from the working directory and from the executable.</summary>
    public static string? FindScript()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "benchmarks", "python_reference.py");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Runs the script; throws <see cref="InvalidOperationException"/> with its error output when it fails.</summary>
    public static async Task<Figures> RunAsync(
        string python, string script, string rasterPath, BenchOptions options, int maxTiles, CancellationToken ct)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     script, "--raster", rasterPath, "--tile", Str(options.TileSizePixels), "--overlap", Str(options.OverlapPixels),
                     "--batch", Str(options.BatchSize), "--threads", Str(options.Threads), "--max-tiles", Str(maxTiles),
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {python}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{script} exited with {process.ExitCode}: {(await stderr.ConfigureAwait(false)).Trim()}");
        }

        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        using var json = JsonDocument.Parse(last);
        var root = json.RootElement;
        return new Figures(
            root.GetProperty("mpx_s").GetDouble(),
            root.GetProperty("tiles").GetInt32(),
            root.GetProperty("seconds").GetDouble(),
            root.GetProperty("peak_rss_mb").GetDouble(),
            root.GetProperty("weights").GetString() ?? "unknown");
    }

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
