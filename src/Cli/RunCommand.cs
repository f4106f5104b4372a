using System.CommandLine;
using Vigil.Core;
using Vigil.Ingest.Rasters;
using Vigil.Runs;
using Vigil.Runs.Flights;
using Vigil.Runs.Video;

namespace Vigil.Cli;

/// <summary>
/// <c>vigil run</c>: one flight of orthophotos or drone photos through the pipeline into the ledger, or videos with their
/// GPS tracks into geotagged frames (street frames become evidence on the cases they face, drone frames that look
/// straight down take the drone photos' path).
/// </summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var inputs = new Option<string[]>("--input", "-i")
        {
            Description = "Orthophoto (GeoTIFF/COG, any CRS), drone JPEG or folder of drone JPEGs, or video (MP4/MOV) with --track or GoPro telemetry; repeat for several",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
        };
        var baseline = new Option<string>("--baseline") { Description = "Registered buildings / known violations (GeoPackage, GeoJSON, Shapefile); required for orthophotos, photos and drone videos" };
        var ledger = new Option<string>("--ledger") { Description = "Ledger GeoPackage (created if missing) or PostGIS connection string \"Host=...;Database=...\"", Required = true };
        var blacklist = new Option<string?>("--blacklist") { Description = "Black-list zones (polygons with a name)" };
        var model = new Option<string>("--model") { Description = "ONNX model (its .card.json beside it)", DefaultValueFactory = _ => DefaultModel.Path };
        var flight = new Option<string?>("--flight-id") { Description = "Flight identifier (default: derived from the inputs, stable across reruns)" };
        var threads = new Option<int>("--threads") { Description = "ONNX Runtime threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var batch = new Option<int>("--batch") { Description = "Tiles per inference call", DefaultValueFactory = _ => 2 };
        var tolerance = new Option<double>("--tolerance-m") { Description = "Offset between imagery and vectors still counted as the same building (m)", DefaultValueFactory = _ => new ChangeOptions().ToleranceMeters };
        var growShare = new Option<double>("--expansion-share") { Description = "Growth share of a registered building that counts as an expansion", DefaultValueFactory = _ => new ChangeOptions().ExpansionShare };
        var growArea = new Option<double>("--expansion-min-m2") { Description = "Minimum growth in m² that counts as an expansion", DefaultValueFactory = _ => new ChangeOptions().ExpansionMinSquareMeters };
        var altitude = new Option<double?>("--altitude-agl") { Description = "Drone photos and video: camera height above ground (m), for every photo or frame; default: DJI XMP RelativeAltitude, or the track's height above take-off" };
        var dsm = new Option<string?>("--dsm") { Description = "This flight's surface model (DSM GeoTIFF, same CRS as its orthophoto): heights of new structures" };
        var baselineDsm = new Option<string?>("--baseline-dsm") { Description = "Surface model of the baseline or an earlier flight: with --dsm, rooftop additions on registered buildings" };
        var dsmCrs = new Option<string?>("--dsm-crs") { Description = "True CRS of --dsm and --baseline-dsm (e.g. EPSG:5899) when their files state it without its datum shift" };
        var rise = new Option<double>("--rise-m") { Description = "Roof rise between the two DSMs that counts as raised (m)", DefaultValueFactory = _ => new ChangeOptions().RiseMeters };
        var riseArea = new Option<double>("--rise-min-m2") { Description = "Raised roof area above which a registered building has a rooftop addition (m²)", DefaultValueFactory = _ => new ChangeOptions().RiseMinSquareMeters };
        var lang = LanguageOption.Create();
        var capturedOn = CapturedOnOption.Create();
        var maxMegapixels = new Option<double>("--max-megapixels") { Description = "Largest input raster accepted, megapixels; larger ones are refused before any pixel is read", DefaultValueFactory = _ => RasterLimits.DefaultMaxPixels / 1e6 };
        var video = new VideoRunArguments();
        var command = new Command("run", "Run orthophotos or drone photos through detection and change comparison into the ledger, or videos into geotagged evidence frames")
        {
            inputs, baseline, ledger, blacklist, model, flight, threads, batch, tolerance, growShare, growArea, altitude,
            dsm, baselineDsm, dsmCrs, rise, riseArea, lang, capturedOn, maxMegapixels,
        };
        video.AddTo(command);
        command.Validators.Add(result =>
        {
            if (result.GetValue(video.Tracks) is { Length: > 0 } && !VideoRunner.AreVideos(result.GetValue(inputs) ?? []))
            {
                result.AddError("--track is for video inputs; videos and orthophotos go in separate runs");
            }
        });
        FlightRunOptions Flight(ParseResult parse, string baselinePath) => new(
            parse.GetValue(inputs)!, baselinePath, parse.GetValue(ledger)!, parse.GetValue(blacklist),
            parse.GetValue(model)!, parse.GetValue(flight), parse.GetValue(threads), parse.GetValue(batch),
            Change: new ChangeOptions(parse.GetValue(tolerance), parse.GetValue(growShare), parse.GetValue(growArea),
                RiseMeters: parse.GetValue(rise), RiseMinSquareMeters: parse.GetValue(riseArea)),
            AltitudeAglMeters: parse.GetValue(altitude), DsmPath: parse.GetValue(dsm), BaselineDsmPath: parse.GetValue(baselineDsm),
            DsmCrs: parse.GetValue(dsmCrs))
        {
            CapturedOn = parse.GetValue(capturedOn),
            Limits = new RasterLimits((long)Math.Min(parse.GetValue(maxMegapixels) * 1e6, long.MaxValue)),
        };
        command.SetAction(async (parse, ct) =>
        {
            var given = parse.GetValue(inputs)!;
            var text = LanguageOption.Resolve(parse.GetValue(lang));
            if (VideoRunner.AreVideos(given))
            {
                // Drone frames take the footprint path of photos, which needs the baseline; street frames do not.
                var videoOptions = video.Options(parse, given, parse.GetValue(ledger)!, parse.GetValue(flight)) with
                {
                    Detection = parse.GetValue(baseline) is { } videoBaseline ? Flight(parse, videoBaseline) : null,
                };
                return await Execute(() => videoOptions.Detection is null
                        ? VideoRunner.RunAsync(videoOptions, ct)
                        : ConsoleReport.WithProgressAsync("detecting in drone frames", progress => VideoRunner.RunAsync(videoOptions, progress, ct)),
                    r => Print(VideoSummary.Lines(r, text)));
            }

            var options = Flight(parse, parse.GetValue(baseline)!);
            return await Execute(() => ConsoleReport.WithProgressAsync("detecting",
                progress => FlightRunner.RunAsync(options, progress, ct)), r => Print(FlightSummary.Lines(r, text)));
        });
        return command;
    }

    /// <summary>Runs a command body and maps its failures to one line on stderr and an exit code.</summary>
    public static async Task<int> Execute<T>(Func<Task<T>> body, Action<T> report)
    {
        try
        {
            report(await body());
            return ExitCodes.Success;
        }
        catch (RunFailedException ex)
        {
            await Console.Error.WriteLineAsync($"vigil: {ex.Message}");
            return ex.ExitCode;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("vigil: cancelled; what was recorded stays in the ledger, rerun to finish");
            return ExitCodes.Cancelled;
        }
    }

    /// <summary>Prints a summary, one line each.</summary>
    public static void Print(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }
    }
}
