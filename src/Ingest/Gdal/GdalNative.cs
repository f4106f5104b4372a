using System.Runtime.InteropServices;

namespace Vigil.Ingest.Gdal;

/// <summary>
/// GDAL C API entry points (gdal.h, gdal_utils.h, cpl_error.h, cpl_vsi.h). Handles the caller owns are SafeHandles;
/// borrowed handles (bands, layers) are <see cref="nint"/>. <c>const char*</c> results are <see cref="nint"/>,
/// read with <see cref="Marshal.PtrToStringUTF8(nint)"/> and never freed.
/// </summary>
internal static unsafe partial class GdalNative
{
    internal const string Library = "gdal";

    internal const uint OfRaster = 0x02;
    internal const uint OfVector = 0x04;
    internal const uint OfVerboseError = 0x40;

    internal const int Read = 0;
    internal const int Write = 1;

    internal const int MaskAllValid = 0x01;

    [LibraryImport(Library)]
    internal static partial void GDALAllRegister();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GDALVersionInfo(string request);

    [LibraryImport(Library)]
    internal static partial nint CPLSetErrorHandler(nint handler);

    [LibraryImport(Library)]
    internal static partial void GDALSetCacheMax64(long bytes);

    [LibraryImport(Library)]
    internal static partial void CPLPushErrorHandler(delegate* unmanaged[Cdecl]<CplErr, int, nint, void> handler);

    [LibraryImport(Library)]
    internal static partial void CPLPopErrorHandler();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial void CPLSetConfigOption(string key, string? value);

    [LibraryImport(Library)]
    internal static partial nint GDALGetFileList(DatasetHandle dataset);

    [LibraryImport(Library)]
    internal static partial void CSLDestroy(nint list);

    [LibraryImport(Library)]
    internal static partial void CPLErrorReset();

    [LibraryImport(Library)]
    internal static partial nint CPLGetLastErrorMsg();

    [LibraryImport(Library)]
    internal static partial CplErr CPLGetLastErrorType();

    [LibraryImport(Library)]
    internal static partial void VSIFree(nint pointer);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DatasetHandle GDALOpenEx(
        string fileName, uint openFlags, nint allowedDrivers, nint openOptions, nint siblingFiles);

    [LibraryImport(Library)]
    internal static partial void GDALClose(nint dataset);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GDALGetDriverByName(string name);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DatasetHandle GDALCreate(
        nint driver, string fileName, int width, int height, int bands, GdalDataType type, nint options);

    [LibraryImport(Library)]
    internal static partial int GDALGetRasterXSize(DatasetHandle dataset);

    [LibraryImport(Library)]
    internal static partial int GDALGetRasterYSize(DatasetHandle dataset);

    [LibraryImport(Library)]
    internal static partial int GDALGetRasterCount(DatasetHandle dataset);

    [LibraryImport(Library)]
    internal static partial CplErr GDALGetGeoTransform(DatasetHandle dataset, double* transform);

    [LibraryImport(Library)]
    internal static partial CplErr GDALSetGeoTransform(DatasetHandle dataset, double* transform);

    [LibraryImport(Library)]
    internal static partial nint GDALGetProjectionRef(DatasetHandle dataset);

    [LibraryImport(Library)]
    internal static partial CplErr GDALSetSpatialRef(DatasetHandle dataset, SpatialReferenceHandle srs);

    [LibraryImport(Library)]
    internal static partial nint GDALGetRasterBand(DatasetHandle dataset, int bandNumber);

    [LibraryImport(Library)]
    internal static partial GdalDataType GDALGetRasterDataType(nint band);

    [LibraryImport(Library)]
    internal static partial nint GDALGetDataTypeName(GdalDataType type);

    [LibraryImport(Library)]
    internal static partial int GDALDataTypeIsComplex(GdalDataType type);

    [LibraryImport(Library)]
    internal static partial ColorInterpretation GDALGetRasterColorInterpretation(nint band);

    [LibraryImport(Library)]
    internal static partial CplErr GDALSetRasterColorInterpretation(nint band, ColorInterpretation interpretation);

    [LibraryImport(Library)]
    internal static partial CplErr GDALSetRasterNoDataValue(nint band, double value);

    [LibraryImport(Library)]
    internal static partial nint GDALGetMaskBand(nint band);

    [LibraryImport(Library)]
    internal static partial int GDALGetMaskFlags(nint band);

    [LibraryImport(Library)]
    internal static partial CplErr GDALRasterIO(
        nint band, int readWrite, int xOffset, int yOffset, int xSize, int ySize,
        void* buffer, int bufferXSize, int bufferYSize, GdalDataType bufferType, int pixelSpace, int lineSpace);

    [LibraryImport(Library)]
    internal static partial CplErr GDALDatasetRasterIO(
        DatasetHandle dataset, int readWrite, int xOffset, int yOffset, int xSize, int ySize,
        void* buffer, int bufferXSize, int bufferYSize, GdalDataType bufferType, int bandCount, int* bandMap,
        int pixelSpace, int lineSpace, int bandSpace);

    [LibraryImport(Library)]
    internal static partial nint GDALGetSpatialRef(DatasetHandle dataset);

    [LibraryImport(Library)]
    internal static partial WarpOptionsHandle GDALWarpAppOptionsNew(nint argv, nint optionsForBinary);

    [LibraryImport(Library)]
    internal static partial void GDALWarpAppOptionsFree(nint options);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DatasetHandle GDALWarp(
        string destination, nint destinationDataset, int sourceCount, nint* sources,
        WarpOptionsHandle options, int* usageError);

    [LibraryImport(Library)]
    internal static partial VectorTranslateOptionsHandle GDALVectorTranslateOptionsNew(nint argv, nint optionsForBinary);

    [LibraryImport(Library)]
    internal static partial void GDALVectorTranslateOptionsFree(nint options);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial DatasetHandle GDALVectorTranslate(
        string destination, nint destinationDataset, int sourceCount, nint* sources,
        VectorTranslateOptionsHandle options, int* usageError);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial nint GDALGetMetadataItem(DatasetHandle dataset, string name, string? domain);
}
