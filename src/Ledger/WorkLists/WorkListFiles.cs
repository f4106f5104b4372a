namespace Vigil.Ledger.WorkLists;

/// <summary>What <see cref="WorkListExport.Write"/> wrote.</summary>
/// <param name="CsvPath">The CSV, one row per case in list order.</param>
/// <param name="GeoJsonPath">The GeoJSON FeatureCollection (EPSG:4326), the same rows and fields, outlines as geometry.</param>
/// <param name="HtmlPath">The printable page; its pictures lie in a folder next to it, linked relatively.</param>
/// <param name="Notes">"number: note" for every picture that could not be made (missing raster, no covering flight).</param>
public sealed record WorkListFiles(string CsvPath, string GeoJsonPath, string HtmlPath, IReadOnlyList<string> Notes);
