using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ingest;
using Vigil.Ledger.Flights;

namespace Vigil.Runs.Inputs;

/// <summary>
/// Reads the baseline and black-list layers (any vector format GDAL reads, any CRS) into the flight's working CRS.
/// Baseline schema (README.md): polygons with an optional <c>id</c> and an optional <c>kind</c> attribute,
/// <c>registered</c> (the default, so a plain building layer works) or <c>violation</c> for a known violation.
/// </summary>
public static class BaselineLoader
{
    private static readonly string[] KindAttributes = ["kind", "vigil_kind", "status"];
    private static readonly string[] ViolationValues = ["violation", "known-violation", "known_violation", "illegal"];
    private static readonly string[] NameAttributes = ["name", "zone", "zone_name", "id"];

    /// <summary>
    /// Baseline features in <paramref name="zone"/>; none for a baseline whose layers are empty (the first flight of an
    /// area: everything it sees is new). Throws <see cref="InputException"/> naming the file.
    /// </summary>
    public static IReadOnlyList<BaselineFeature> Load(string path, UtmZone zone)
    {
        var features = new List<BaselineFeature>();
        var read = VectorReader.Read(path, zone, allowEmpty: true);
        foreach (var feature in read)
        {
            if (feature.Geometry is not (Polygon or MultiPolygon) || feature.Geometry.IsEmpty)
            {
                continue;
            }

            var kind = Attribute(feature.Attributes, KindAttributes) is { } value &&
                       ViolationValues.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase)
                ? BaselineFeatureKind.KnownViolation
                : BaselineFeatureKind.Registered;
            features.Add(new BaselineFeature(feature.Id, kind, feature.Geometry));
        }

        if (features.Count == 0 && read.Count > 0)
        {
            throw new InputException(path, "the baseline holds features but no polygon");
        }

        return features;
    }

    /// <summary>Black-list zones (polygons named by a <c>name</c> attribute) in <paramref name="zone"/>.</summary>
    public static IReadOnlyList<BlacklistZone> LoadZones(string path, UtmZone zone)
    {
        var zones = VectorReader.Read(path, zone)
            .Where(f => f.Geometry is Polygon or MultiPolygon && !f.Geometry.IsEmpty)
            .Select(f => new BlacklistZone(Attribute(f.Attributes, NameAttributes) ?? f.Id, f.Geometry))
            .ToList();
        if (zones.Count == 0)
        {
            throw new InputException(path, "the black list holds no polygon");
        }

        var duplicate = zones.GroupBy(z => z.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InputException(path, $"two zones are named '{duplicate.Key}'");
        }

        return zones;
    }

    private static string? Attribute(IReadOnlyDictionary<string, string?> attributes, string[] names)
    {
        foreach (var (key, value) in attributes)
        {
            if (names.Contains(key, StringComparer.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
            {
                return value;
            }
        }

        return null;
    }
}
