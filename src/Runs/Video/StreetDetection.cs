using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using OpenCvSharp;
using Vigil.ChangeCompare;
using Vigil.Core;
using Vigil.Detect;
using Vigil.Detect.Street;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Evidence;
using Vigil.Ledger.Stores;
using Vigil.Runs;

namespace Vigil.Runs.Video;

/// <summary>How a street-level detector is run over the street frames of a video run (<c>--street-model</c>).</summary>
/// <param name="ModelPath">The street model's ONNX file or card.</param>
/// <param name="Geometry">How boxes become bearings and ranges.</param>
/// <param name="Corroboration">How sightings are matched to cases.</param>
/// <param name="Threads">ONNX Runtime intra-op threads.</param>
public sealed record StreetDetectionOptions(
    string ModelPath, SightingGeometry Geometry, StreetCorroboration Corroboration, int Threads = 2);

/// <summary>What the street detector found in a run.</summary>
/// <param name="Matches">Every box placed on the ground, with the case it corroborates or none (a candidate).</param>
/// <param name="Attached">Frames newly attached to the cases they corroborate.</param>
/// <param name="GeoJsonPath">All sightings as GeoJSON points (EPSG:4326), a <c>case</c> property on corroborating ones.</param>
public sealed record StreetDetectionResult(IReadOnlyList<SightingMatch> Matches, IReadOnlyList<EvidenceAttachment> Attached, string GeoJsonPath)
{
    /// <summary>Sightings that corroborate a case.</summary>
    public int Corroborating => Matches.Count(m => m.Number is not null);

    /// <summary>Sightings that reach no open case.</summary>
    public int Candidates => Matches.Count(m => m.Number is null);
}

/// <summary>
/// Runs a street-level detector over street frames, places its boxes on the ground from each frame's pose, and checks
/// them against the ledger's open cases: corroborating frames become evidence of their case, the rest are candidates
/// written for an analyst. A frame that cannot be read is a rejection; the others go on.
/// </summary>
public sealed class StreetDetection : IDisposable
{
    private readonly StreetDetectionOptions _options;
    private readonly StreetDetector _detector;

    /// <summary>Loads the model; throws <see cref="RunFailedException"/> when it or the options cannot be used.</summary>
    public StreetDetection(StreetDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Geometry.Validate();
            _detector = new StreetDetector(StreetModelCard.Load(options.ModelPath), options.Threads);
        }
        catch (Exception ex) when (ex is ModelCardException or ArgumentException)
        {
            throw new RunFailedException(ex.Message, ExitCodes.BadConfiguration, ex);
        }

        _options = options;
    }

    /// <summary>Detects, locates and corroborates; writes the sightings to <paramref name="geoJsonPath"/>.</summary>
    public StreetDetectionResult Run(
        ILedgerStore store, IReadOnlyList<StreetFrame> frames, RejectionLog rejections, string actor,
        DateTimeOffset fallbackCapturedUtc, string geoJsonPath)
    {
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(rejections);
        var sightings = new List<StreetSighting>();
        foreach (var frame in frames)
        {
            using var image = Cv2.ImRead(frame.ImagePath, ImreadModes.Color);
            if (image.Empty())
            {
                rejections.Add(frame.ImagePath, "the street model could not read the frame");
                continue;
            }

            sightings.AddRange(_detector.Detect(image)
                .Select(b => _options.Geometry.Locate(frame.ImagePath, frame.Pose, image.Width, image.Height, b.CenterX, b.Bottom, b.ClassName, b.Score))
                .OfType<StreetSighting>());
        }

        var result = Corroborate(store, sightings, _options.Geometry.MaxRangeMeters, _options.Corroboration, actor, fallbackCapturedUtc);
        Write(result.Matches, geoJsonPath);
        return new StreetDetectionResult(result.Matches, result.Written, geoJsonPath);
    }

    /// <summary>
    /// Matches the sightings against the ledger's open cases (<see cref="StreetMatching.FirstOnLineOfSight"/>) and attaches
    /// each corroboration not attached before (<see cref="StreetCorroboration.Apply"/>).
    /// </summary>
    public static StreetCorroborationResult Corroborate(
        ILedgerStore store, IReadOnlyList<StreetSighting> sightings, double maxRangeMeters, StreetCorroboration corroboration,
        string actor, DateTimeOffset fallbackCapturedUtc)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sightings);
        ArgumentNullException.ThrowIfNull(corroboration);
        var open = store.ReadRecords().Where(r => CaseStatuses.IsOpen(r.Status)).ToList();
        var matches = sightings
            .Select(s => StreetMatching.FirstOnLineOfSight(open, s, maxRangeMeters, corroboration.ToleranceMeters))
            .ToList();
        return StreetCorroboration.Apply(store, matches, actor, fallbackCapturedUtc);
    }

    /// <inheritdoc />
    public void Dispose() => _detector.Dispose();

    private static void Write(IReadOnlyList<SightingMatch> matches, string path)
    {
        var collection = new FeatureCollection();
        foreach (var (s, number, _) in matches)
        {
            collection.Add(new Feature(new NetTopologySuite.Geometries.Point(s.LongitudeDeg, s.LatitudeDeg), new AttributesTable
            {
                { "class", s.ClassName },
                { "score", Math.Round(s.Score, 3) },
                { "image", s.ImagePath },
                { "bearing_deg", Math.Round(s.BearingDeg, 1) },
                { "range_m", Math.Round(s.RangeMeters, 1) },
                { "camera_lon", s.Camera.LongitudeDeg },
                { "camera_lat", s.Camera.LatitudeDeg },
                { "case", number },
            }));
        }

        var options = new JsonSerializerOptions { Encoder = ReadableJson.Encoder };
        options.Converters.Add(new GeoJsonConverterFactory());
        File.WriteAllText(path, JsonSerializer.Serialize(collection, options));
    }
}
