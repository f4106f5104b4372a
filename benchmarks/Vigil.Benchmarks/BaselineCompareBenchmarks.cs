using BenchmarkDotNet.Attributes;
using NetTopologySuite.Geometries;
using Vigil.ChangeCompare;
using Vigil.Core;

namespace Vigil.Benchmarks;

/// <summary>
/// Change comparison against a baseline of 100,000 buildings (a 10 km² town): building the index, and classifying
/// detections (70% unchanged with a 1 m offset, 20% new, 10% expanded), reported per detection.
/// </summary>
public class BaselineCompareBenchmarks
{
    private const int BaselineBuildings = 100_000;
    private const int Detections = 1_000;
    private const double SpacingMeters = 20;
    private readonly List<BaselineFeature> _baseline = [];
    private readonly List<Footprint> _detections = [];
    private BaselineIndex _index = null!;

    [GlobalSetup]
    public void Setup()
    {
        var factory = new GeometryFactory(new PrecisionModel(), Fixtures.Zone.EpsgCode);
        var random = new Random(5);
        var side = (int)Math.Ceiling(Math.Sqrt(BaselineBuildings));
        for (var i = 0; i < BaselineBuildings; i++)
        {
            var (x, y) = (500000 + i % side * SpacingMeters, 9300000 + i / side * SpacingMeters);
            var outline = Fixtures.Building(factory, x, y, 8 + random.NextDouble() * 6, 7 + random.NextDouble() * 5, random.NextDouble() - 0.5);
            _baseline.Add(new BaselineFeature($"b{i}", BaselineFeatureKind.Registered, outline));
        }

        for (var d = 0; d < Detections; d++)
        {
            var reference = (Polygon)_baseline[random.Next(BaselineBuildings)].Outline;
            var centre = reference.Centroid.Coordinate;
            Polygon outline = (d % 10) switch
            {
                < 7 => Fixtures.Building(factory, centre.X + 1, centre.Y - 0.5, 10, 8, 0.1),
                < 9 => Fixtures.Building(factory, centre.X + SpacingMeters / 2, centre.Y + SpacingMeters / 2, 5, 4, 0),
                _ => Fixtures.Building(factory, centre.X + 3, centre.Y, 16, 9, 0),
            };
            _detections.Add(new Footprint(outline, 0.8, "bench.tif"));
        }

        _index = new BaselineIndex(_baseline);
    }

    [Benchmark]
    public int BuildIndex() => new BaselineIndex(_baseline).Features.Count;

    [Benchmark(OperationsPerInvoke = Detections)]
    public int Classify()
    {
        var classifier = new ChangeClassifier(_index, new ChangeOptions());
        var newOnes = 0;
        foreach (var detection in _detections)
        {
            newOnes += classifier.Classify(detection).Kind == FindingKind.New ? 1 : 0;
        }

        return newOnes;
    }
}
