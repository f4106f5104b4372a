using NetTopologySuite.Geometries;

namespace Vigil.Ledger.Flights;

/// <summary>A named black-list zone (an area where building is forbidden or watched).</summary>
/// <param name="Name">Unique name, written on the cases opened inside it.</param>
/// <param name="Geometry">Polygonal area in the flight's working CRS (UTM metres).</param>
public sealed record BlacklistZone(string Name, Geometry Geometry);
