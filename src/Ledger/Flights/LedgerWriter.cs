using System.Threading.Channels;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Quadtree;
using Vigil.Core;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Stores;

namespace Vigil.Ledger.Flights;

/// <summary>
/// The pipeline's last stage: records a flight's findings in the ledger. The single writer of a run and the only
/// place numbers are assigned. Each finding is recorded in its own transaction, so a finding that fails (an unknown
/// case number, a broken outline) becomes a rejection and loses nothing recorded before or after it; a failure of
/// the store itself (disk, lock timeout) ends the run. Not thread-safe: one <see cref="RunAsync"/>, then
/// <see cref="CompleteFlight"/>.
/// </summary>
public sealed class LedgerWriter
{
    /// <summary>
    /// Two outlines of one run are one structure when their intersection covers at least this share of the smaller:
    /// overlapping orthophotos of one flight trace the same roof a little differently (seams, parallax), while
    /// neighbouring buildings that touch share far less than a third of either.
    /// </summary>
    public const double SameStructureOverlapShare = 0.3;

    /// <summary>
    /// A detection on a rejected case opens a new case only when the structure grew by more than this share of the
    /// rejected outline's area and <see cref="RegrowthMinSquareMeters"/>: the thresholds of an expansion
    /// (<see cref="ChangeOptions"/> defaults), so the same roof traced a little larger by another flight stays rejected.
    /// </summary>
    public const double RegrowthShare = 0.25;

    /// <summary>See <see cref="RegrowthShare"/>, square metres.</summary>
    public const double RegrowthMinSquareMeters = 8;

    private readonly ILedgerStore _store;
    private readonly FlightContext _flight;
    private readonly (string Name, IPreparedGeometry Area)[] _zones;
    private readonly string _actor;
    private readonly TimeProvider _clock;
    private readonly Quadtree<OpenedCase> _openedByThisFlight = new();
    private readonly Dictionary<FindingKind, int> _findingsByKind = Enum.GetValues<FindingKind>().ToDictionary(k => k, _ => 0);
    private readonly List<string> _numbersAssigned = [];
    private readonly List<Rejection> _rejections = [];
    private readonly List<string> _rebuilt = [];
    private readonly List<string> _verified = [];
    private int _suppressed;
    private int _sightings;
    private int _misses;
    private int _alreadyRecorded;
    private bool _flightBegun;
    private bool _ran;

    /// <summary>Creates the stage; touches the store only when the run starts.</summary>
    /// <param name="store">The ledger; owned by the caller.</param>
    /// <param name="flight">The flight processed; findings' outlines are in its working CRS.</param>
    /// <param name="zones">Black-list zones in the working CRS, in priority order.</param>
    /// <param name="actor">Who or what runs the pipeline, written on every event.</param>
    /// <param name="clock">Source of the flight's finish time; the system clock when null.</param>
    public LedgerWriter(
        ILedgerStore store, FlightContext flight, IReadOnlyList<BlacklistZone> zones, string actor, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(flight);
        ArgumentNullException.ThrowIfNull(zones);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        _store = store;
        _flight = flight;
        _zones = [.. zones.Select(z => (z.Name, PreparedGeometryFactory.Prepare(z.Geometry)))];
        _actor = actor;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// Starts the flight in the ledger (again, for a rerun; not when <see cref="FlightContext.Begun"/>) and records every
    /// finding until the channel completes; the <see cref="FlightTally"/> that closes the run is returned with the summary.
    /// </summary>
    /// <returns>What was recorded; numbers already in the ledger are never assigned again.</returns>
    /// <exception cref="InvalidOperationException">Called a second time, or a finding came after the tally.</exception>
    public async Task<LedgerRunSummary> RunAsync(ChannelReader<LedgerMessage> input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (_ran)
        {
            throw new InvalidOperationException("A ledger writer runs once per flight run.");
        }

        _ran = true;
        BeginFlightOnce();
        FlightTally? tally = null;
        await foreach (var message in input.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (message is FlightTally last)
            {
                tally = last;
                continue;
            }

            if (tally is not null || message is not Finding finding)
            {
                throw new InvalidOperationException("The tally closes a run: nothing may follow it.");
            }

            _findingsByKind[finding.Kind] = _findingsByKind.GetValueOrDefault(finding.Kind) + 1;
            try
            {
                Record(finding);
            }
            catch (Exception ex) when (ex is ArgumentException or KeyNotFoundException or TopologyException or CaseTransitionException)
            {
                _rejections.Add(new Rejection(
                    DescribeSource(finding), $"The ledger could not record this {finding.Kind} finding: {ex.Message}"));
            }
        }

        return new LedgerRunSummary(
            new Dictionary<FindingKind, int>(_findingsByKind),
            [.. _numbersAssigned],
            _sightings,
            _misses,
            _alreadyRecorded,
            [.. _rejections],
            [.. _rebuilt],
            [.. _verified],
            _suppressed)
        {
            Tally = tally,
        };
    }

    /// <summary>
    /// Writes the end of the flight: covered area (converted to WGS 84), counts, and the rejections of the whole run,
    /// to which this stage adds its own.
    /// </summary>
    /// <param name="coveredAreaWorking">Ground covered with valid imagery, polygonal, working CRS; empty when none.</param>
    /// <param name="tiles">Tiles processed.</param>
    /// <param name="detections">Footprints detected.</param>
    /// <param name="rejections">Rejections of the other stages.</param>
    /// <param name="failed">True when the run stopped on a systemic failure.</param>
    public void CompleteFlight(
        Geometry coveredAreaWorking, int tiles, int detections, IReadOnlyList<Rejection> rejections, bool failed)
    {
        ArgumentNullException.ThrowIfNull(coveredAreaWorking);
        ArgumentNullException.ThrowIfNull(rejections);
        BeginFlightOnce();
        var covered = coveredAreaWorking.IsEmpty ? null : _flight.WorkingCrs.ToWgs84(coveredAreaWorking);
        _store.CompleteFlight(new FlightEnd(
            _flight.FlightId, _clock.GetUtcNow(), covered, tiles, detections, [.. rejections, .. _rejections], failed, _actor));
    }

    private static string DescribeSource(Finding finding) =>
        finding.SourcePath is { Length: > 0 } path ? path
        : finding.MatchedRecordNumber ?? finding.MatchedBaselineId ?? "(finding without source)";

    private void BeginFlightOnce()
    {
        if (_flightBegun)
        {
            return;
        }

        if (!_flight.Begun)
        {
            _store.BeginFlight(new FlightStart(_flight.FlightId, _flight.StartedUtc, _flight.Inputs, _actor)
            {
                CapturedUtc = _flight.CapturedUtc,
                CaptureSource = _flight.CaptureSource,
            });
        }

        // A rerun of the flight must find the cases its earlier attempt opened, as if opened in this run.
        foreach (var record in _store.ReadRecords())
        {
            if (record.FirstFlightId == _flight.FlightId && record.Kind != ViolationKinds.DemolishedCandidate)
            {
                Remember(record.Number, _flight.WorkingCrs.FromWgs84(record.FootprintWgs84));
            }
        }

        _flightBegun = true;
    }

    private void Record(Finding finding)
    {
        switch (finding.Kind)
        {
            case FindingKind.New:
                RecordDetected(finding, ViolationKinds.New);
                break;
            case FindingKind.Expanded:
                RecordDetected(finding, ViolationKinds.Expanded);
                break;
            case FindingKind.KnownViolation when finding.MatchedRecordNumber is { } number:
                if (!GrewSinceRejected(number, finding))
                {
                    See(number, finding);
                }
                else if (CaseOfGrowth(number, finding) is { } grownCase)
                {
                    See(grownCase, finding);
                }
                else
                {
                    RecordDetected(finding, ViolationKinds.New);
                }

                break;
            case FindingKind.KnownViolation when finding.MatchedBaselineId is { } baselineId:
                if (_store.FindByBaselineRef(baselineId, ViolationKinds.KnownViolation) is { } known)
                {
                    See(known.Number, finding);
                }
                else
                {
                    Open(finding, ViolationKinds.KnownViolation, baselineId);
                }

                break;
            case FindingKind.Unchanged or FindingKind.Unverified:
                break;
            case FindingKind.RooftopAddition when finding.MatchedBaselineId is { } baselineId:
                if (_store.FindByBaselineRef(baselineId, ViolationKinds.RooftopAddition) is { } raised)
                {
                    See(raised.Number, finding);
                }
                else
                {
                    Open(finding, ViolationKinds.RooftopAddition, baselineId);
                }

                break;
            case FindingKind.DemolishedCandidate when finding.MatchedRecordNumber is { } number:
                Miss(number);
                break;
            case FindingKind.DemolishedCandidate when finding.MatchedBaselineId is { } baselineId:
                if (_store.FindByBaselineRef(baselineId, ViolationKinds.DemolishedCandidate) is { } candidate)
                {
                    Miss(candidate.Number);
                }
                else
                {
                    Open(finding, ViolationKinds.DemolishedCandidate, baselineId);
                }

                break;
            case FindingKind.KnownViolation or FindingKind.DemolishedCandidate or FindingKind.RooftopAddition:
                throw new ArgumentException(
                    $"A {finding.Kind} finding must name a ledger number or a baseline feature.", nameof(finding));
            default:
                throw new ArgumentException($"Unknown finding kind {finding.Kind}.", nameof(finding));
        }
    }

    private void RecordDetected(Finding finding, string kind)
    {
        if (FindOpenedByThisFlight(finding.Outline) is { } same)
        {
            See(same, finding);
        }
        else
        {
            Open(finding, kind, finding.MatchedBaselineId);
        }
    }

    /// <summary>
    /// True when <paramref name="number"/> is a rejected case and the finding on it is the structure grown by more than
    /// <see cref="RegrowthShare"/>: the growth is raised again.
    /// </summary>
    private bool GrewSinceRejected(string number, Finding finding)
    {
        if (_store.Find(number) is not { Status: CaseStatuses.Rejected } rejected)
        {
            return false;
        }

        var grown = finding.AreaSquareMeters - rejected.AreaSquareMeters;
        return grown > RegrowthShare * rejected.AreaSquareMeters && grown > RegrowthMinSquareMeters;
    }

    /// <summary>
    /// The case an earlier flight opened for the growth of rejected case <paramref name="number"/> (another case, not
    /// rejected, on the same structure), or null: a later flight matching the rejected case sees that one, not a third.
    /// </summary>
    private string? CaseOfGrowth(string number, Finding finding)
    {
        var outline = _flight.WorkingCrs.ToWgs84(finding.Outline);
        return _store.ReadRecords().FirstOrDefault(r =>
            r.Number != number && r.Status != CaseStatuses.Rejected && r.Kind != ViolationKinds.DemolishedCandidate &&
            r.FootprintWgs84.EnvelopeInternal.Intersects(outline.EnvelopeInternal) &&
            r.FootprintWgs84.Intersection(outline).Area >= SameStructureOverlapShare * Math.Min(r.FootprintWgs84.Area, outline.Area))?.Number;
    }

    private string? FindOpenedByThisFlight(Geometry outline)
    {
        string? best = null;
        var bestShare = 0.0;
        foreach (var opened in _openedByThisFlight.Query(outline.EnvelopeInternal))
        {
            if (!opened.Outline.EnvelopeInternal.Intersects(outline.EnvelopeInternal))
            {
                continue;
            }

            var smaller = Math.Min(opened.Outline.Area, outline.Area);
            var share = smaller > 0 ? opened.Outline.Intersection(outline).Area / smaller : 0;
            if (share >= SameStructureOverlapShare && share > bestShare)
            {
                best = opened.Number;
                bestShare = share;
            }
        }

        return best;
    }

    private void Open(Finding finding, string kind, string? baselineRef)
    {
        var number = _store.InsertRecord(new NewViolation(
            kind,
            _flight.WorkingCrs.ToWgs84(finding.Outline),
            finding.AreaSquareMeters,
            finding.AddedAreaSquareMeters,
            finding.Confidence,
            _flight.SeenUtc,
            _flight.FlightId,
            ZoneOf(finding.Outline),
            baselineRef,
            _actor,
            finding.HeightMeters,
            finding.WholeOutline is { } whole ? _flight.WorkingCrs.ToWgs84(whole) : null)
        {
            OpenedUtc = _flight.StartedUtc,
        });
        _numbersAssigned.Add(number);
        if (kind != ViolationKinds.DemolishedCandidate)
        {
            Remember(number, finding.Outline);
        }
    }

    private string? ZoneOf(Geometry outline)
    {
        var centroid = outline.Centroid;
        foreach (var (name, area) in _zones)
        {
            if (area.Contains(centroid))
            {
                return name;
            }
        }

        foreach (var (name, area) in _zones)
        {
            if (area.Intersects(outline))
            {
                return name;
            }
        }

        return null;
    }

    private void See(string number, Finding finding)
    {
        if (_store.RecordSighting(number, _flight.FlightId, _flight.SeenUtc, finding.Confidence, _actor, finding.HeightMeters))
        {
            _sightings++;
        }
        else
        {
            _alreadyRecorded++;
        }

        // The status is checked after the sighting, not before, so that a rerun after a crash between the two
        // writes still makes the change.
        switch (_store.Find(number)?.Status)
        {
            case CaseStatuses.Demolished or CaseStatuses.VerifiedDemolished:
                ChangeStatus(number, CaseStatuses.Rebuilt, "seen again after its demolition");
                _rebuilt.Add(number);
                break;
            case CaseStatuses.Rejected:
                _suppressed++;
                break;
        }
    }

    private void Miss(string number)
    {
        if (_store.RecordMissed(number, _flight.FlightId, _flight.SeenUtc, _actor))
        {
            _misses++;
        }
        else
        {
            _alreadyRecorded++;
        }

        if (_store.Find(number)?.Status == CaseStatuses.Demolished)
        {
            ChangeStatus(number, CaseStatuses.VerifiedDemolished, "covered and not seen after its demolition");
            _verified.Add(number);
        }
    }

    private void ChangeStatus(string number, string status, string why) =>
        _store.ChangeStatus(new StatusChange(number, status, _flight.StartedUtc, _actor, $"flight {_flight.FlightId}: {why}"));

    private void Remember(string number, Geometry outlineWorking) =>
        _openedByThisFlight.Insert(outlineWorking.EnvelopeInternal, new OpenedCase(number, outlineWorking));

    private sealed record OpenedCase(string Number, Geometry Outline);
}
