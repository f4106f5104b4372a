namespace Vigil.Ledger.Stores;

/// <summary>
/// The ledger's table and column names, the same in every engine: they are its public format (QGIS, ogr2ogr and SQL
/// reports read them). Each engine's schema (<see cref="GeoPackageSchema"/>, <see cref="PostGisSchema"/>) creates them.
/// </summary>
internal static class LedgerSchema
{
    public const string Violations = "violations";
    public const string BlacklistZones = "blacklist_zones";
    public const string Flights = "flights";
    public const string TeamAreas = "team_areas";
    public const string Events = "events";
    public const string Numbering = "vigil_numbering";

    /// <summary>The office's accounts for <c>vigil serve</c>: name, password hash, role, team, language, lockout.</summary>
    public const string Users = "users";

    /// <summary>The violations' height column, added after the first release.</summary>
    public const string HeightColumn = "height_m";

    /// <summary>
    /// The whole detected outline of an expanded building (registered part and added part), WKT in EPSG:4326 lon/lat;
    /// null for other kinds. The layer's own geometry of an expanded case is the added part only. Text, because a
    /// GeoPackage table has one geometry column.
    /// </summary>
    public const string WholeOutlineColumn = "whole_outline_wkt";

    /// <summary>
    /// A black-list zone's current card colour (yellow, red; null without one), kept beside the card events so that a
    /// GIS styles zones by it; added after the first release.
    /// </summary>
    public const string ZoneCardColumn = "card";

    /// <summary>QGIS's table of layer styles (GeoPackage): the ledger's layers open styled.</summary>
    public const string LayerStyles = "layer_styles";

    /// <summary>
    /// The flights' capture time (its cases' first and last seen; <c>started</c> and <c>finished</c> are the processing
    /// times) and where it came from, added after the first release; null for flights processed before.
    /// </summary>
    public const string CapturedColumn = "captured";

    /// <summary>See <see cref="CapturedColumn"/>: "TIFF DateTime of a.tif", "--captured-on", "file time of a.tif".</summary>
    public const string CapturedFromColumn = "captured_from";
}
