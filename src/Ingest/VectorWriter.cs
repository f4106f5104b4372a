using Vigil.Ingest.Gdal;

namespace Vigil.Ingest;

/// <summary>Writes vector files through OGR (the library form of ogr2ogr). Thread-safe.</summary>
public static unsafe class VectorWriter
{
    /// <summary>
    /// Copies the vector file <paramref name="sourcePath"/> into a new file <paramref name="destinationPath"/> in the
    /// format its extension names (<c>.gpkg</c> GeoPackage, <c>.geojson</c>, <c>.shp</c>...), as one layer named
    /// <paramref name="layerName"/>; an existing destination is replaced.
    /// </summary>
    /// <exception cref="InputException">OGR cannot read the source or write the destination; names the destination.</exception>
    public static void Translate(string sourcePath, string destinationPath, string layerName)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        ArgumentException.ThrowIfNullOrEmpty(layerName);
        GdalRuntime.EnsureInitialized();
        if (File.Exists(destinationPath))
        {
            File.Delete(destinationPath);
        }

        using var source = Datasets.OpenVector(sourcePath);
        using var arguments = new Utf8StringList(["-nln", layerName, "-nlt", "MULTIPOLYGON", "-overwrite"]);
        GdalErrors.Reset();
        using var options = GdalNative.GDALVectorTranslateOptionsNew(arguments.Pointer, 0);
        if (options.IsInvalid)
        {
            throw GdalException.FromLastError("invalid vector translation options");
        }

        using var written = BorrowedDataset.Use(source, handle =>
        {
            int usageError;
            GdalErrors.Reset();
            return GdalNative.GDALVectorTranslate(destinationPath, 0, 1, &handle, options, &usageError);
        });
        if (written.IsInvalid)
        {
            throw new InputException(destinationPath, $"cannot be written: {GdalErrors.LastMessage()}");
        }
    }
}
