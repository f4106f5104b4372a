using Vigil.Core;

namespace Vigil.Ingest.Photos;

/// <summary>A drone photo made readable as an orthophoto.</summary>
/// <param name="PhotoPath">The original photo.</param>
/// <param name="RasterPath">The georeferencing VRT over it, to hand to the orthophoto reader.</param>
/// <param name="Metadata">What its tags said.</param>
/// <param name="Footprint">Its ground footprint in the flight's UTM zone.</param>
public sealed record PreparedPhoto(string PhotoPath, string RasterPath, PhotoMetadata Metadata, GroundFootprint Footprint);
