using NetTopologySuite.Geometries;

namespace Vigil.Core;

/// <summary>A reference outline for change comparison, in the flight's working CRS.</summary>
/// <param name="Id">Baseline identifier, or the ledger number for <see cref="BaselineFeatureKind.LedgerRecord"/>.</param>
/// <param name="Kind">Registered building, known violation or ledger case.</param>
/// <param name="Outline">Polygonal geometry, working CRS (metres).</param>
public sealed record BaselineFeature(string Id, BaselineFeatureKind Kind, Geometry Outline);
