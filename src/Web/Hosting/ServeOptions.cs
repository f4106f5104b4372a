namespace Vigil.Web.Hosting;

/// <summary>What <c>vigil serve</c> was given.</summary>
/// <param name="Ledger">The ledger: a GeoPackage path or a PostGIS connection string.</param>
/// <param name="Urls">Where Kestrel listens, e.g. "http://127.0.0.1:8080" (";" between several).</param>
/// <param name="EvidenceDirectory">Where field photos are stored (created when missing); absolute.</param>
/// <param name="ImageryDirectory">The flights' orthophotos, for evidence crops and map tiles; null when not given.</param>
/// <param name="TileCacheDirectory">
/// Where the map tiles rendered from the orthophotos are kept between runs (created when missing); absolute. Null: a
/// temporary folder, deleted when the app stops.
/// </param>
public sealed record ServeOptions(
    string Ledger, string Urls, string EvidenceDirectory, string? ImageryDirectory = null, string? TileCacheDirectory = null);
