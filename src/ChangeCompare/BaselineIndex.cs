using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using Vigil.Core;

namespace Vigil.ChangeCompare;

/// <summary>
/// The reference outlines of a flight (registered buildings, known violations, open ledger cases) in the working CRS,
/// in an STR-tree. Built once, then read-only and thread-safe for queries.
/// </summary>
public sealed class BaselineIndex
{
    private readonly STRtree<BaselineFeature> _tree = new();

    /// <summary>Indexes <paramref name="features"/>; non-polygonal or empty geometries are ignored.</summary>
    public BaselineIndex(IEnumerable<BaselineFeature> features)
    {
        var all = new List<BaselineFeature>();
        foreach (var feature in features)
        {
            if (feature.Outline.IsEmpty || feature.Outline.Area <= 0)
            {
                continue;
            }

            _tree.Insert(feature.Outline.EnvelopeInternal, feature);
            all.Add(feature);
        }

        _tree.Build();
        Features = all;
    }

    /// <summary>Every indexed feature.</summary>
    public IReadOnlyList<BaselineFeature> Features { get; }

    /// <summary>Features whose envelope lies within <paramref name="distanceMeters"/> of <paramref name="geometry"/>'s envelope.</summary>
    public IList<BaselineFeature> Near(Geometry geometry, double distanceMeters) => Near(geometry.EnvelopeInternal, distanceMeters);

    /// <summary>Features whose envelope lies within <paramref name="distanceMeters"/> of <paramref name="envelope"/>.</summary>
    public IList<BaselineFeature> Near(Envelope envelope, double distanceMeters)
    {
        var grown = envelope.Copy();
        grown.ExpandBy(distanceMeters);
        return _tree.Query(grown);
    }
}
