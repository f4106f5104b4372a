using System.Runtime.InteropServices;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Vigil.Core;
using Vigil.Ingest.Gdal;

namespace Vigil.Ingest;

/// <summary>Reads vector files (baselines, zones) through OGR into NetTopologySuite geometries. Thread-safe.</summary>
public static class VectorReader
{
    // Checked in order, case-insensitively; the first one set on a feature becomes its Id.
    private static readonly string[] IdFieldNames = ["id", "fid", "objectid", "ogc_fid", "gid"];

    // Words of GDAL's and PROJ's errors when a file declares a CRS they cannot build.
    private static readonly string[] CrsWords = ["crs not found", "proj_create", "Failed to import", "unknown projection", "SRS"];

    /// <summary>
    /// Reads every feature with a geometry from every layer of a vector file in any format OGR reads
    /// (GeoPackage, GeoJSON, Shapefile...), reprojected to <paramref name="target"/>. Features without geometry are skipped.
    /// </summary>
    /// <param name="path">The file (or GDAL virtual path).</param>
    /// <param name="target">The working UTM zone; geometries come back in its metres with SRID = its EPSG code.</param>
    /// <param name="allowEmpty">True to return no feature for a file whose layers are empty (a baseline of an area never flown).</param>
    /// <exception cref="InputException">
    /// The file is unreadable, has no layer, a layer with geometry has no CRS or one that cannot be transformed to
    /// <paramref name="target"/>, or no feature has a geometry (unless <paramref name="allowEmpty"/>).
    /// </exception>
    public static IReadOnlyList<VectorFeature> Read(string path, UtmZone target, bool allowEmpty = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(target);
        GdalRuntime.EnsureInitialized();

        using var messages = GdalMessages.Capture();
        using var dataset = Datasets.OpenVector(path);

        // GeoJSON's driver says "crs not found" for a CRS PROJ does not know, and then reads the layer as WGS 84.
        if (messages.All.FirstOrDefault(m => m.Level >= CplErr.Failure && CrsWords.Any(w => m.Text.Contains(w, StringComparison.OrdinalIgnoreCase))) is { Text: { } crsError })
        {
            throw new InputException(
                path, $"it declares a CRS that PROJ does not know (GDAL: {crsError}); fix its CRS (a GeoJSON's crs member, a Shapefile's .prj) rather than letting it be read as WGS 84");
        }

        var layerCount = OgrNative.GDALDatasetGetLayerCount(dataset);
        if (layerCount == 0)
        {
            throw new InputException(path, "holds no layer");
        }

        using var targetSrs = SpatialReferences.FromUserInput(target.EpsgName);
        var wkbReader = new WKBReader();
        var features = new List<VectorFeature>();
        for (var i = 0; i < layerCount; i++)
        {
            ReadLayer(path, OgrNative.GDALDatasetGetLayer(dataset, i), targetSrs, target, wkbReader, features);
        }

        return features.Count > 0 || allowEmpty
            ? features
            : throw new InputException(path, "empty: no feature has a geometry");
    }

    private static void ReadLayer(
        string path, nint layer, SpatialReferenceHandle targetSrs, UtmZone target, WKBReader wkbReader,
        List<VectorFeature> features)
    {
        var layerName = Marshal.PtrToStringUTF8(OgrNative.OGR_L_GetName(layer)) ?? string.Empty;
        if (OgrNative.OGR_L_GetGeomType(layer) == OgrNative.WkbNone)
        {
            return;
        }

        var layerSrs = OgrNative.OGR_L_GetSpatialRef(layer);
        if (layerSrs == 0)
        {
            throw new InputException(
                path, $"layer '{layerName}' has an unknown CRS: declare one, e.g. a .prj or the GeoJSON's CRS84");
        }

        using var sourceSrs = SpatialReferences.Clone(layerSrs);
        CoordinateTransformationHandle toTarget;
        try
        {
            toTarget = SpatialReferences.Transformation(sourceSrs, targetSrs);
        }
        catch (GdalException ex)
        {
            throw new InputException(path, $"layer '{layerName}': its CRS cannot be transformed to {target.EpsgName}: {ex.Message}", ex);
        }

        using (toTarget)
        {
            var fieldNames = FieldNames(layer);
            OgrNative.OGR_L_ResetReading(layer);
            while (true)
            {
                GdalErrors.Reset();
                using var feature = OgrNative.OGR_L_GetNextFeature(layer);
                if (feature.IsInvalid)
                {
                    if (GdalErrors.LastWasFailure())
                    {
                        throw new InputException(path, $"layer '{layerName}' cannot be read: {GdalErrors.LastMessage()}");
                    }

                    break;
                }

                var geometry = OgrNative.OGR_F_GetGeometryRef(feature);
                if (geometry == 0 || OgrNative.OGR_G_IsEmpty(geometry) != 0)
                {
                    continue;
                }

                var fid = OgrNative.OGR_F_GetFID(feature);
                var attributes = Attributes(feature, fieldNames);
                var id = IdFieldNames
                    .Select(name => attributes.FirstOrDefault(a => a.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value)
                    .FirstOrDefault(value => value is not null)
                    ?? $"{layerName}:{fid}";
                var outline = ToTarget(path, layerName, fid, geometry, toTarget, wkbReader);
                outline.SRID = target.EpsgCode;
                features.Add(new VectorFeature(id, outline, attributes));
            }
        }
    }

    private static unsafe Geometry ToTarget(
        string path, string layerName, long fid, nint geometry, CoordinateTransformationHandle toTarget, WKBReader wkbReader)
    {
        // NTS reads no curves: arcs (GeoPackage CURVEPOLYGON...) are approximated by OGR's default segmentation.
        using var linear = OgrNative.OGR_G_HasCurveGeometry(geometry, 1) != 0
            ? OgrNative.OGR_G_GetLinearGeometry(geometry, 0, 0)
            : null;
        var owned = linear is null || linear.IsInvalid ? geometry : linear.DangerousGetHandle();

        GdalErrors.Reset();
        if (OgrNative.OGR_G_Transform(owned, toTarget) != OgrNative.OgrErrNone)
        {
            throw new InputException(path, $"layer '{layerName}' feature {fid} cannot be reprojected: {GdalErrors.LastMessage()}");
        }

        var wkb = new byte[(int)OgrNative.OGR_G_WkbSizeEx(owned)];
        fixed (byte* p = wkb)
        {
            if (OgrNative.OGR_G_ExportToIsoWkb(owned, OgrNative.WkbNdr, p) != OgrNative.OgrErrNone)
            {
                throw new InputException(path, $"layer '{layerName}' feature {fid} cannot be exported: {GdalErrors.LastMessage()}");
            }
        }

        try
        {
            return wkbReader.Read(wkb);
        }
        catch (ParseException ex)
        {
            throw new InputException(path, $"layer '{layerName}' feature {fid} has an unsupported geometry: {ex.Message}", ex);
        }
    }

    private static string[] FieldNames(nint layer)
    {
        var definition = OgrNative.OGR_L_GetLayerDefn(layer);
        var names = new string[OgrNative.OGR_FD_GetFieldCount(definition)];
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = Marshal.PtrToStringUTF8(OgrNative.OGR_Fld_GetNameRef(OgrNative.OGR_FD_GetFieldDefn(definition, i))) ?? $"field{i}";
        }

        return names;
    }

    private static Dictionary<string, string?> Attributes(FeatureHandle feature, string[] fieldNames)
    {
        var attributes = new Dictionary<string, string?>(fieldNames.Length, StringComparer.Ordinal);
        for (var i = 0; i < fieldNames.Length; i++)
        {
            attributes[fieldNames[i]] = OgrNative.OGR_F_IsFieldSetAndNotNull(feature, i) != 0
                ? Marshal.PtrToStringUTF8(OgrNative.OGR_F_GetFieldAsString(feature, i))
                : null;
        }

        return attributes;
    }
}
