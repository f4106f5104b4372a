using NetTopologySuite.IO;
using Vigil.Core;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Evidence;
using Vigil.Ledger.Stores;
using Vigil.Runs.Video;

namespace Vigil.Runs.Tests;

/// <summary>Street sightings from a camera at (0, 0) against cases north of it, in a real GeoPackage ledger.</summary>
public sealed class StreetCorroborationTests : IDisposable
{
    private static readonly DateTimeOffset Seen = new(2026, 5, 4, 9, 30, 0, TimeSpan.Zero);
    private const double DegreesPerMeterNorth = 9.0437e-6;
    private const double DegreesPerMeterEast = 8.9832e-6;

    private readonly string _folder = Directory.CreateTempSubdirectory("vigil-street-").FullName;
    private readonly GeoPackageLedgerStore _store;

    public StreetCorroborationTests() => _store = GeoPackageLedgerStore.Open(Path.Combine(_folder, "ledger.gpkg"));

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void A_sighting_corroborates_the_first_case_on_its_line_of_sight()
    {
        var near = Case(15, 25);
        Case(30, 40);

        var result = Corroborate([Sighting(bearingDeg: 2, rangeMeters: 22)]);

        var written = Assert.Single(result.Written);
        Assert.Equal(near, written.Number);
        Assert.Equal(StreetCorroboration.Kind, written.Kind);
        Assert.Equal(15, written.DistanceMeters!.Value, 0);
        Assert.Contains(_store.ReadEvents(near), e => e.Kind == LedgerEventKinds.EvidenceAttached && e.Detail.Contains("street-detection", StringComparison.Ordinal));
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public void A_sighting_that_reaches_no_case_is_a_candidate()
    {
        var north = Case(15, 25);

        var result = Corroborate([Sighting(bearingDeg: 90, rangeMeters: 12)]);

        Assert.Empty(result.Written);
        var candidate = Assert.Single(result.Candidates);
        Assert.Equal(12, candidate.RangeMeters);
        Assert.DoesNotContain(_store.ReadEvents(north), e => e.Kind == LedgerEventKinds.EvidenceAttached);
    }

    [Fact]
    public void A_rerun_attaches_nothing_twice_but_still_names_the_case()
    {
        var near = Case(15, 25);
        var sightings = new[] { Sighting(bearingDeg: 0, rangeMeters: 20) };

        Corroborate(sightings);
        var again = Corroborate(sightings);

        Assert.Empty(again.Written);
        Assert.Equal(near, Assert.Single(again.Matches).Number);
        Assert.Single(_store.ReadEvents(near), e => e.Kind == LedgerEventKinds.EvidenceAttached);
    }

    /// <summary>An open case: a 10 m wide square from <paramref name="fromMeters"/> to <paramref name="toMeters"/> north of the camera.</summary>
    private string Case(double fromMeters, double toMeters)
    {
        var (w, e) = (-5 * DegreesPerMeterEast, 5 * DegreesPerMeterEast);
        var (s, n) = (fromMeters * DegreesPerMeterNorth, toMeters * DegreesPerMeterNorth);
        var wkt = FormattableString.Invariant($"POLYGON (({w} {s}, {e} {s}, {e} {n}, {w} {n}, {w} {s}))");
        return _store.InsertRecord(new NewViolation(ViolationKinds.New, new WKTReader().Read(wkt), 100, 0, 0.9, Seen, "F1", null, null, "vigil"));
    }

    private static StreetSighting Sighting(double bearingDeg, double rangeMeters)
    {
        var radians = bearingDeg * Math.PI / 180;
        return new StreetSighting("/frames/0001.jpg", "building", 0.8, new CameraPose(0, 0, null, bearingDeg, null, Seen),
            bearingDeg, rangeMeters, rangeMeters * Math.Sin(radians) * DegreesPerMeterEast, rangeMeters * Math.Cos(radians) * DegreesPerMeterNorth);
    }

    private StreetCorroborationResult Corroborate(IReadOnlyList<StreetSighting> sightings) =>
        StreetDetection.Corroborate(_store, sightings, 40, new StreetCorroboration(), "vigil", Seen);
}
