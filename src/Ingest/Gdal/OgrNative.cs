using System.Runtime.InteropServices;

namespace Vigil.Ingest.Gdal;

/// <summary>
/// OGR and OSR entry points (ogr_api.h, ogr_srs_api.h). Owned handles are SafeHandles, borrowed ones
/// (layers, definitions, geometries owned by a feature, a layer's SRS) are <see cref="nint"/>.
/// </summary>
internal static unsafe partial class OgrNative
{
    private const string Library = GdalNative.Library;

    internal const int TraditionalGisOrder = 0;
    internal const int WkbNone = 100;
    internal const int WkbNdr = 1;
    internal const int OgrErrNone = 0;

    [LibraryImport(Library)]
    internal static partial SpatialReferenceHandle OSRNewSpatialReference(nint wkt);

    [LibraryImport(Library)]
    internal static partial SpatialReferenceHandle OSRClone(nint srs);

    [LibraryImport(Library)]
    internal static partial void OSRRelease(nint srs);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OSRSetFromUserInput(SpatialReferenceHandle srs, string definition);

    [LibraryImport(Library)]
    internal static partial void OSRSetAxisMappingStrategy(SpatialReferenceHandle srs, int strategy);

    [LibraryImport(Library)]
    internal static partial int OSRIsSame(nint first, SpatialReferenceHandle second);

    [LibraryImport(Library)]
    internal static partial int OSRExportToWkt(SpatialReferenceHandle srs, nint* wkt);

    [LibraryImport(Library)]
    internal static partial CoordinateTransformationHandle OCTNewCoordinateTransformation(
        SpatialReferenceHandle source, SpatialReferenceHandle target);

    [LibraryImport(Library)]
    internal static partial void OCTDestroyCoordinateTransformation(nint transformation);

    [LibraryImport(Library)]
    internal static partial int OCTTransform(
        CoordinateTransformationHandle transformation, int count, double* x, double* y, double* z);

    [LibraryImport(Library)]
    internal static partial int GDALDatasetGetLayerCount(DatasetHandle dataset);

    [LibraryImport(Library)]
    internal static partial nint GDALDatasetGetLayer(DatasetHandle dataset, int index);

    [LibraryImport(Library)]
    internal static partial nint OGR_L_GetName(nint layer);

    [LibraryImport(Library)]
    internal static partial nint OGR_L_GetSpatialRef(nint layer);

    [LibraryImport(Library)]
    internal static partial int OGR_L_GetGeomType(nint layer);

    [LibraryImport(Library)]
    internal static partial nint OGR_L_GetLayerDefn(nint layer);

    [LibraryImport(Library)]
    internal static partial void OGR_L_ResetReading(nint layer);

    [LibraryImport(Library)]
    internal static partial FeatureHandle OGR_L_GetNextFeature(nint layer);

    [LibraryImport(Library)]
    internal static partial int OGR_FD_GetFieldCount(nint definition);

    [LibraryImport(Library)]
    internal static partial nint OGR_FD_GetFieldDefn(nint definition, int index);

    [LibraryImport(Library)]
    internal static partial nint OGR_Fld_GetNameRef(nint fieldDefinition);

    [LibraryImport(Library)]
    internal static partial void OGR_F_Destroy(nint feature);

    [LibraryImport(Library)]
    internal static partial long OGR_F_GetFID(FeatureHandle feature);

    [LibraryImport(Library)]
    internal static partial nint OGR_F_GetGeometryRef(FeatureHandle feature);

    [LibraryImport(Library)]
    internal static partial int OGR_F_IsFieldSetAndNotNull(FeatureHandle feature, int index);

    [LibraryImport(Library)]
    internal static partial nint OGR_F_GetFieldAsString(FeatureHandle feature, int index);

    [LibraryImport(Library)]
    internal static partial int OGR_G_IsEmpty(nint geometry);

    [LibraryImport(Library)]
    internal static partial int OGR_G_HasCurveGeometry(nint geometry, int lookForNonLinear);

    [LibraryImport(Library)]
    internal static partial GeometryHandle OGR_G_GetLinearGeometry(nint geometry, double maxAngleStepDegrees, nint options);

    [LibraryImport(Library)]
    internal static partial void OGR_G_DestroyGeometry(nint geometry);

    [LibraryImport(Library)]
    internal static partial int OGR_G_Transform(nint geometry, CoordinateTransformationHandle transformation);

    [LibraryImport(Library)]
    internal static partial nuint OGR_G_WkbSizeEx(nint geometry);

    [LibraryImport(Library)]
    internal static partial int OGR_G_ExportToIsoWkb(nint geometry, int byteOrder, byte* buffer);
}
