using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using Vigil.Ledger.Cases;
using Vigil.Ledger.Flights;
using Vigil.Ledger.Stores;

namespace Vigil.Benchmarks;

/// <summary>Opening cases in the GeoPackage ledger (number, record and event in one transaction), per case.</summary>
public class LedgerInsertBenchmarks
{
    private const int Cases = 100;
    private readonly List<Geometry> _footprints = [];
    private string _directory = "";
    private GeoPackageLedgerStore _store = null!;

    [GlobalSetup]
    public void Setup()
    {
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        for (var i = 0; i < Cases; i++)
        {
            var (lon, lat) = Fixtures.Zone.Inverse(528000 + 20 * i, 9335000);
            _footprints.Add(Fixtures.Building(factory, lon, lat, 0.0001, 0.00008, 0.1));
        }
    }

    [IterationSetup]
    public void OpenFreshLedger()
    {
        _directory = Directory.CreateTempSubdirectory("vigil-bench-ledger-").FullName;
        _store = GeoPackageLedgerStore.Open(Path.Combine(_directory, "ledger.gpkg"));
        _store.BeginFlight(new FlightStart("bench", DateTimeOffset.UtcNow, ["bench.tif"], "bench"));
    }

    [IterationCleanup]
    public void DropLedger()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(OperationsPerInvoke = Cases)]
    public int InsertRecord()
    {
        var seen = DateTimeOffset.UtcNow;
        foreach (var footprint in _footprints)
        {
            _store.InsertRecord(new NewViolation("new", footprint, 80, 0, 0.8, seen, "bench", null, null, "bench"));
        }

        return _footprints.Count;
    }
}
