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

    // A `kind` is Vigil's own attribute: a value outside these is a mistake, never a silent "registered". A `status`
    // is often the register's own field (approved, active...): only a violation value there is read.
    private static readonly string[] StrictKindAttributes = ["kind", "vigil_kind"];
    private static readonly string[] ViolationValues = ["violation", "known-violation", "known_violation", "illegal"];
    private static readonly string[] RegisteredValues = ["registered", "legal", "building", "permitted"];

    /// <summary>How many invalid outlines a message names before "and N more".</summary>
    private const int NamedFeatures = 5;
    private static readonly string[] NameAttributes = ["name", "zone", "zone_name", "id"];

    /// <summary>
    /// Baseline features in <paramref name="zone"/>; throws <see cref="InputException"/> naming the file (and the
    /// features) when a <c>kind</c> value is unknown or the file holds features but no polygon; none for a baseline whose
    /// layers are empty (the first flight of an area: everything it sees is new). Invalid outlines (crossing
    /// themselves, say) are repaired, and each repair is said in <paramref name="repairs"/> by the feature's id.
    /// </summary>
    public static IReadOnlyList<BaselineFeature> Load(string path, UtmZone zone, RejectionLog? repairs = null)
    {
        var features = new List<BaselineFeature>();
        var unknownKinds = new List<string>();
        var repaired = new List<string>();
        var read = VectorReader.Read(path, zone, allowEmpty: true);
        foreach (var feature in read)
        {
            if (feature.Geometry is not (Polygon or MultiPolygon) || feature.Geometry.IsEmpty)
            {
                continue;
            }

            var kind = KindOf(feature.Attributes);
            if (kind is null)
            {
                unknownKinds.Add($"{feature.Id} ('{Attribute(feature.Attributes, StrictKindAttributes)}')");
                continue;
            }

            var outline = feature.Geometry;
            if (!outline.IsValid)
            {
                var why = new NetTopologySuite.Operation.Valid.IsValidOp(outline).ValidationError;
                outline = NetTopologySuite.Geometries.Utilities.GeometryFixer.Fix(outline);
                outline.SRID = feature.Geometry.SRID;
                repaired.Add($"{feature.Id} ({why?.Message.ToLowerInvariant()})");
                if (outline.IsEmpty || outline is not (Polygon or MultiPolygon))
                {
                    continue;
                }
            }

            features.Add(new BaselineFeature(feature.Id, kind.Value, outline));
        }

        if (unknownKinds.Count > 0)
        {
            throw new InputException(path, $"unknown kind on feature(s) {Named(unknownKinds)}: kind is registered (the default), or violation (known-violation) for a violation the office already knows");
        }

        if (repaired.Count > 0)
        {
            repairs?.Add(path, $"invalid outline(s) repaired and used as repaired: feature(s) {Named(repaired)}; check them in QGIS (Vector > Geometry Tools > Check Validity)");
        }

        if (features.Count == 0 && read.Count > 0)
        {
            throw new InputException(path, "the baseline holds features but no polygon");
        }

        return features;
    }

    private static BaselineFeatureKind? KindOf(IReadOnlyDictionary<string, string?> attributes)
    {
        if (Attribute(attributes, StrictKindAttributes) is { } strict)
        {
            var value = strict.Trim();
            return ViolationValues.Contains(value, StringComparer.OrdinalIgnoreCase) ? BaselineFeatureKind.KnownViolation
                : RegisteredValues.Contains(value, StringComparer.OrdinalIgnoreCase) ? BaselineFeatureKind.Registered
                : null;
        }

        return Attribute(attributes, KindAttributes) is { } status &&
               ViolationValues.Contains(status.Trim(), StringComparer.OrdinalIgnoreCase)
            ? BaselineFeatureKind.KnownViolation
            : BaselineFeatureKind.Registered;
    }

    private static string Named(List<string> items) =>
        string.Join(", ", items.Take(NamedFeatures)) + (items.Count > NamedFeatures ? $" and {items.Count - NamedFeatures} more" : "");

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

    /// <summary>The first of <paramref name="names"/> (in their order, any case) set on the feature.</summary>
    private static string? Attribute(IReadOnlyDictionary<string, string?> attributes, string[] names)
    {
        foreach (var name in names)
        {
            foreach (var (key, value) in attributes)
            {
                if (key.Equals(name, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(value))
                {
                    return value;
                }
            }
        }

        return null;
    }
}
