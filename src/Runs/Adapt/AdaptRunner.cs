using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ingest.Rasters;
using Vigil.Runs.Inputs;

namespace Vigil.Runs.Adapt;

/// <summary>
/// <c>vigil adapt</c>: fine-tunes a model on the office's own imagery with its register as labels. The inputs are
/// checked here first (imagery readable, register readable and over the imagery with enough buildings, Python with
/// its packages), then models/adapt.py trains, validates on a held-out block and writes the model only when it is not
/// worse than the base one. Inference stays in ONNX Runtime: the result is an ONNX file with its card.
/// </summary>
public static class AdaptRunner
{
    private const string ProgressPrefix = "PROGRESS ";

    /// <summary>Runs the adaptation; <paramref name="progress"/> gets (fraction done, time left, what it is doing).</summary>
    /// <exception cref="RunFailedException">Bad input (exit 2), a worse model (exit 4), or a failed training (exit 1).</exception>
    public static async Task<AdaptResult> RunAsync(AdaptOptions options, Action<double, TimeSpan?, string>? progress,
        Action<string>? log, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        Check(options);
        await CheckPythonAsync(options, cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(options.Work);
        var outcome = await TrainAsync(options, progress, log, cancellationToken).ConfigureAwait(false);
        return new AdaptResult(options.OutputPath, CardPath(options.OutputPath), outcome.Before, outcome.After,
            outcome.Steps, started.Elapsed);
    }

    /// <summary>The card written beside a model.</summary>
    public static string CardPath(string modelPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, Path.GetFileNameWithoutExtension(modelPath) + ".card.json");

    /// <summary>Everything that can be said before training starts.</summary>
    internal static void Check(AdaptOptions options)
    {
        if (options.Inputs.Count == 0)
        {
            throw new RunFailedException("give at least one --input (an earlier flight's orthophoto)", ExitCodes.BadConfiguration);
        }

        if (!File.Exists(options.BaseModelPath) || !File.Exists(CardPath(options.BaseModelPath)))
        {
            throw new RunFailedException($"{options.BaseModelPath}: the base model or its card ({Path.GetFileName(CardPath(options.BaseModelPath))}) does not exist",
                ExitCodes.BadConfiguration);
        }

        if (Path.GetFullPath(options.OutputPath) == Path.GetFullPath(options.BaseModelPath))
        {
            throw new RunFailedException($"{options.OutputPath}: the adapted model must not replace its base model; give another --out",
                ExitCodes.BadConfiguration);
        }

        if (!double.IsFinite(options.Minutes) || options.Minutes <= 0 || options.Threads < 1 || options.Steps is < 1)
        {
            throw new RunFailedException("--minutes must be a positive number, --threads and --steps at least 1", ExitCodes.BadConfiguration);
        }

        try
        {
            var rasters = options.Inputs.Select(p => RasterProbe.Inspect(p)).ToList();
            var zone = UtmZone.Containing(rasters[0].CenterLongitude, rasters[0].CenterLatitude);
            var imagery = rasters.Select(r => Extent(r, zone)).ToList();
            var register = BaselineLoader.Load(options.RegisterPath, zone);
            var over = register.Count(b => imagery.Any(e => b.Outline.EnvelopeInternal.Intersects(e)));
            if (over == 0)
            {
                var registerExtent = new Envelope();
                foreach (var building in register)
                {
                    registerExtent.ExpandToInclude(building.Outline.EnvelopeInternal);
                }

                var imageryExtent = new Envelope();
                imagery.ForEach(imageryExtent.ExpandToInclude);
                throw new RunFailedException(
                    $"{options.RegisterPath}: the register does not overlap the imagery (register {Describe(registerExtent, zone)}; " +
                    $"imagery {Describe(imageryExtent, zone)})", ExitCodes.BadConfiguration);
            }

            if (over < AdaptOptions.MinBuildings)
            {
                throw new RunFailedException(
                    $"{options.RegisterPath}: {over} registered building(s) over the imagery; at least {AdaptOptions.MinBuildings} are needed to learn from",
                    ExitCodes.BadConfiguration);
            }
        }
        catch (InputException ex)
        {
            throw new RunFailedException(ex.Message, ExitCodes.BadConfiguration, ex);
        }
    }

    private static Envelope Extent(RasterInfo raster, UtmZone zone)
    {
        var extent = new Envelope();
        foreach (var (col, row) in new[] { (0, 0), (raster.WidthPixels, 0), (0, raster.HeightPixels), (raster.WidthPixels, raster.HeightPixels) })
        {
            var (x, y) = raster.GeoTransform.PixelToWorld(col, row);
            var (lon, lat) = CrsTransform.ToWgs84(raster.CrsWkt, x, y);
            var (e, n) = zone.Forward(lon, lat);
            extent.ExpandToInclude(e, n);
        }

        return extent;
    }

    private static string Describe(Envelope extent, UtmZone zone)
    {
        var (west, south) = zone.Inverse(extent.MinX, extent.MinY);
        var (east, north) = zone.Inverse(extent.MaxX, extent.MaxY);
        return string.Create(CultureInfo.InvariantCulture,
            $"longitude {west:F5} to {east:F5}, latitude {south:F5} to {north:F5}");
    }

    private static async Task CheckPythonAsync(AdaptOptions options, CancellationToken cancellationToken)
    {
        const string install = "sudo apt-get install python3-torch python3-onnx python3-gdal python3-numpy (or bash scripts/setup.sh --adapt)";
        if (!File.Exists(options.ScriptPath))
        {
            throw new RunFailedException($"{options.ScriptPath}: the training script is missing from this installation (models/adapt.py)", ExitCodes.BadConfiguration);
        }

        var check = await RunToEndAsync(options.Python, ["-c", "import torch, onnx, numpy; from osgeo import gdal"], cancellationToken)
            .ConfigureAwait(false);
        if (check.ExitCode != 0)
        {
            var missing = check.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
            throw new RunFailedException(
                $"vigil adapt trains with {options.Python} and Debian's python3-torch, python3-onnx and python3-gdal, which are not all there " +
                $"({missing.Trim()}): install them with {install}", ExitCodes.BadConfiguration);
        }
    }

    private static async Task<(int ExitCode, string Error)> RunToEndAsync(string file, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return (process.ExitCode, await error.ConfigureAwait(false));
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (127, $"{file}: {ex.Message}");
        }
    }

    private sealed record Outcome(AdaptFigures Before, AdaptFigures After, int Steps);

    private static async Task<Outcome> TrainAsync(AdaptOptions options, Action<double, TimeSpan?, string>? progress,
        Action<string>? log, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(options.Python)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var arguments = new List<string> { options.ScriptPath };
        foreach (var input in options.Inputs)
        {
            arguments.AddRange(["--image", Path.GetFullPath(input)]);
        }

        arguments.AddRange([
            "--register", Path.GetFullPath(options.RegisterPath), "--base", Path.GetFullPath(options.BaseModelPath),
            "--out", Path.GetFullPath(options.OutputPath), "--work", Path.GetFullPath(options.Work),
            "--minutes", options.Minutes.ToString(CultureInfo.InvariantCulture),
            "--threads", options.Threads.ToString(CultureInfo.InvariantCulture),
            "--seed", options.Seed.ToString(CultureInfo.InvariantCulture),
        ]);
        if (options.Steps is { } steps)
        {
            arguments.AddRange(["--steps", steps.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        using var kill = cancellationToken.Register(() =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
        });
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        JsonElement? summary = null;
        while (await process.StandardOutput.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith(ProgressPrefix, StringComparison.Ordinal))
            {
                var parts = line[ProgressPrefix.Length..].Split(' ', 3);
                var fraction = double.Parse(parts[0], CultureInfo.InvariantCulture);
                var eta = int.Parse(parts[1], CultureInfo.InvariantCulture);
                progress?.Invoke(fraction, eta > 0 ? TimeSpan.FromSeconds(eta) : null, parts.Length > 2 ? parts[2] : "");
            }
            else if (line.StartsWith('{'))
            {
                summary = JsonDocument.Parse(line).RootElement.Clone();
            }
            else
            {
                log?.Invoke(line);
            }
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var message = (await error.ConfigureAwait(false)).Trim();
        var lastLine = message.Split('\n').LastOrDefault()?.Trim() ?? "";
        switch (process.ExitCode)
        {
            case 0 when summary is { } s:
                return new Outcome(Figures(s.GetProperty("before")), Figures(s.GetProperty("after")), s.GetProperty("steps").GetInt32());
            case 2:
                throw new RunFailedException(lastLine, ExitCodes.BadConfiguration);
            case 3:
                throw new RunFailedException(lastLine, ExitCodes.Refused);
            default:
                throw new RunFailedException($"the training stopped (exit {process.ExitCode}): {lastLine}; rerun to resume from its checkpoint in {options.Work}",
                    ExitCodes.Failure);
        }
    }

    private static AdaptFigures Figures(JsonElement e) =>
        new(e.GetProperty("pixelIoU").GetDouble(), e.GetProperty("objectF1").GetDouble(), e.GetProperty("buildings").GetInt32());
}
