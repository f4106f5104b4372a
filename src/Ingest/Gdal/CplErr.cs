namespace Vigil.Ingest.Gdal;

/// <summary>CPLErr severities (cpl_error.h).</summary>
internal enum CplErr
{
    None = 0,
    Debug = 1,
    Warning = 2,
    Failure = 3,
    Fatal = 4,
}
