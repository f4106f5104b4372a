namespace Vigil.Ingest.Gdal;

/// <summary>GDALWarp over one open source dataset (the library form of gdalwarp).</summary>
internal static unsafe class Warper
{
    /// <summary>
    /// Warps <paramref name="source"/> with gdalwarp arguments into an unnamed dataset (VRT or MEM, per "-of").
    /// Throws <see cref="InputException"/> naming <paramref name="path"/> when GDAL cannot, with
    /// <paramref name="failure"/> before GDAL's message.
    /// </summary>
    internal static DatasetHandle Run(DatasetHandle source, IReadOnlyList<string> argv, string path, string failure)
    {
        using var arguments = new Utf8StringList(argv);
        GdalErrors.Reset();
        using var warpOptions = GdalNative.GDALWarpAppOptionsNew(arguments.Pointer, 0);
        if (warpOptions.IsInvalid)
        {
            throw GdalException.FromLastError("invalid warp options");
        }

        var warped = BorrowedDataset.Use(source, handle =>
        {
            int usageError;
            GdalErrors.Reset();
            return GdalNative.GDALWarp(string.Empty, 0, 1, &handle, warpOptions, &usageError);
        });
        if (warped.IsInvalid)
        {
            var message = GdalErrors.LastMessage();
            warped.Dispose();
            throw new InputException(path, $"{failure}: {message}");
        }

        return warped;
    }
}
