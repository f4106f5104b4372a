using Vigil.Core;
using Vigil.Ledger.Language;

namespace Vigil.Runs.Flights;

/// <summary>The end-of-run summary of a flight, line by line, as <c>vigil run</c>, <c>baseline</c> and <c>demo</c> print it.</summary>
public static class FlightSummary
{
    /// <summary>The whole summary: flight, capture, baseline note, detection, rejections.</summary>
    public static IEnumerable<string> Lines(FlightRunResult result, OfficeText text)
    {
        ArgumentNullException.ThrowIfNull(result);
        yield return $"flight {result.FlightId} ({result.WorkingCrs.EpsgName}) in {result.Elapsed.TotalSeconds:F1} s";
        foreach (var line in Capture(result))
        {
            yield return line;
        }

        if (result.Baseline?.Note is { } note)
        {
            yield return note;
        }

        foreach (var line in Detection(result, text).Concat(Rejected(result.Rejections)))
        {
            yield return line;
        }
    }

    /// <summary>What <see cref="BaselineBuilder"/> did: the flight, its capture, its detections and the file written.</summary>
    public static IEnumerable<string> Lines(BaselineBuildResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var flight = result.Flight;
        return [
            $"flight {flight.FlightId} ({flight.WorkingCrs.EpsgName}) in {flight.Elapsed.TotalSeconds:F1} s",
            .. Capture(flight),
            $"tiles {flight.Tiles}, detections {flight.Detections}",
            $"baseline: {result.Buildings} building(s) written to {result.OutPath}",
            .. Rejected(flight.Rejections),
        ];
    }

    /// <summary>When the flight's imagery was captured and from what, or that it holds no capture time; none when unknown.</summary>
    public static IEnumerable<string> Capture(FlightRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Capture is { } capture
            ? [capture.Note ?? $"captured {capture.CapturedUtc:yyyy-MM-dd HH:mm} UTC ({capture.Source})"]
            : [];
    }

    /// <summary>What detection, change comparison and the ledger did.</summary>
    public static IEnumerable<string> Detection(FlightRunResult result, OfficeText text)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(text);
        var kinds = result.Ledger.FindingsByKind;
        int Count(FindingKind kind) => kinds.GetValueOrDefault(kind);
        yield return $"tiles {result.Tiles}, detections {result.Detections}";
        yield return
            $"new {Count(FindingKind.New)}, expanded {Count(FindingKind.Expanded)}, " +
            $"known {Count(FindingKind.KnownViolation)}, unchanged {Count(FindingKind.Unchanged)}, " +
            $"demolished candidates {Count(FindingKind.DemolishedCandidate)}, " +
            $"rooftop additions {Count(FindingKind.RooftopAddition)}, " +
            $"unverified {Count(FindingKind.Unverified)} (not seen, imagery or model unsure: no case)";
        yield return result.Ledger.NumbersAssigned.Count == 0
            ? "numbers assigned: none"
            : $"numbers assigned: {string.Join(", ", result.Ledger.NumbersAssigned)}";
        yield return $"new records: {result.NewRecordsGeoJsonPath}";
        foreach (var warning in result.DomainWarnings)
        {
            yield return warning.Describe(text);
        }
    }

    /// <summary>One "rejected: SOURCE: REASON" line per rejection.</summary>
    public static IEnumerable<string> Rejected(IEnumerable<Rejection> rejections) =>
        rejections.Select(r => $"rejected: {r}");
}
