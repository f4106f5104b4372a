using System.Runtime.InteropServices;

namespace Vigil.Ingest.Gdal;

/// <summary>
/// Creates OSR spatial references, always in traditional GIS axis order (x = easting or longitude), and
/// transformations between them.
/// </summary>
internal static unsafe class SpatialReferences
{
    /// <summary>From "EPSG:n", WKT, PROJ strings or anything else OSRSetFromUserInput accepts.</summary>
    internal static SpatialReferenceHandle FromUserInput(string definition)
    {
        var srs = OgrNative.OSRNewSpatialReference(0);
        if (srs.IsInvalid)
        {
            throw GdalException.FromLastError("cannot create a spatial reference");
        }

        GdalErrors.Reset();
        if (OgrNative.OSRSetFromUserInput(srs, definition) != OgrNative.OgrErrNone)
        {
            var failure = GdalException.FromLastError("CRS not understood");
            srs.Dispose();
            throw failure;
        }

        OgrNative.OSRSetAxisMappingStrategy(srs, OgrNative.TraditionalGisOrder);
        return srs;
    }

    /// <summary>An owned copy of a borrowed reference (a layer's or a dataset's), in traditional GIS order.</summary>
    internal static SpatialReferenceHandle Clone(nint borrowed)
    {
        var srs = OgrNative.OSRClone(borrowed);
        if (srs.IsInvalid)
        {
            throw GdalException.FromLastError("cannot copy a spatial reference");
        }

        OgrNative.OSRSetAxisMappingStrategy(srs, OgrNative.TraditionalGisOrder);
        return srs;
    }

    internal static SpatialReferenceHandle Wgs84() => FromUserInput("EPSG:4326");

    internal static string ToWkt(SpatialReferenceHandle srs)
    {
        nint wkt = 0;
        try
        {
            if (OgrNative.OSRExportToWkt(srs, &wkt) != OgrNative.OgrErrNone)
            {
                throw GdalException.FromLastError("cannot export the CRS as WKT");
            }

            return Marshal.PtrToStringUTF8(wkt) ?? string.Empty;
        }
        finally
        {
            GdalNative.VSIFree(wkt);
        }
    }

    /// <summary>A transformation; throws <see cref="GdalException"/> with PROJ's reason when none exists.</summary>
    internal static CoordinateTransformationHandle Transformation(SpatialReferenceHandle source, SpatialReferenceHandle target)
    {
        GdalErrors.Reset();
        var transformation = OgrNative.OCTNewCoordinateTransformation(source, target);
        if (transformation.IsInvalid)
        {
            transformation.Dispose();
            throw GdalException.FromLastError();
        }

        return transformation;
    }

    /// <summary>Transforms points in place; throws when any point fails.</summary>
    internal static void Transform(CoordinateTransformationHandle transformation, Span<double> x, Span<double> y)
    {
        GdalErrors.Reset();
        fixed (double* px = x, py = y)
        {
            if (OgrNative.OCTTransform(transformation, x.Length, px, py, null) == 0)
            {
                throw GdalException.FromLastError("coordinate transformation failed");
            }
        }
    }
}
