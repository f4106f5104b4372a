using NetTopologySuite.Geometries;

namespace Vigil.Ingest;

/// <summary>One feature of a vector file, reprojected to the flight's working CRS.</summary>
/// <param name="Id">The "id" (or "fid", "objectid"...) attribute when present, else "&lt;layer&gt;:&lt;OGR FID&gt;".</param>
/// <param name="Geometry">The geometry in the working UTM zone (metres), SRID set to its EPSG code; any type.</param>
/// <param name="Attributes">Every attribute field by name, as text; null where unset or null.</param>
public sealed record VectorFeature(string Id, Geometry Geometry, IReadOnlyDictionary<string, string?> Attributes);
