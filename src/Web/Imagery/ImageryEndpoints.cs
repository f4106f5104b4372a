using Microsoft.Net.Http.Headers;
using Vigil.Core;
using Vigil.Web.Hosting;

namespace Vigil.Web.Imagery;

/// <summary>
/// The flights' imagery for the map: the list of flights with their bounds and zooms, and their tiles. Any signed-in
/// user may view them (imagery shows no case data).
/// </summary>
internal static class ImageryEndpoints
{
    public static void Map(RouteGroupBuilder reads)
    {
        reads.MapGet("/flights", Flights);
        reads.MapGet("/flights/{flight}/tiles/{z:int}/{x:int}/{y:int}.png", Tile);
    }

    private static IResult Flights(HttpContext context, Office office)
    {
        office.User(context);
        return Results.Json(office.Imagery.Layers(office.Store).Select(f => new
        {
            flight = f.Flight,
            captured = f.Captured,
            bounds = new[] { new[] { f.South, f.West }, new[] { f.North, f.East } },
            nativeZoom = f.NativeZoom,
            minZoom = f.MinZoom,
            tiles = $"/api/flights/{Uri.EscapeDataString(f.Flight)}/tiles/{{z}}/{{x}}/{{y}}.png",
        }));
    }

    /// <summary>The tile's PNG, or 204 when it holds none of the flight's imagery; revalidated by the imagery's version.</summary>
    private static IResult Tile(HttpContext context, Office office, string flight, int z, int x, int y)
    {
        office.User(context);
        var tile = new WebMercatorTile(z, x, y);
        if (!tile.IsValid)
        {
            throw Refusal.BadRequest($"no tile {z}/{x}/{y}: zoom 0 to {WebMercatorTile.MaxZoom}, x and y 0 to 2^zoom - 1");
        }

        var (png, version) = office.Imagery.Tile(office.Store, flight, tile);
        context.Response.Headers.CacheControl = "private, no-cache";
        return png is null
            ? Results.NoContent()
            : Results.File(png, "image/png", entityTag: new EntityTagHeaderValue($"\"{version}\""));
    }
}
