using NetTopologySuite.Geometries;

namespace Vigil.Demo;

/// <summary>One structure of the generated scene: its outline in the scene's UTM zone and how its roof looks.</summary>
/// <param name="Id">Identifier used in the generated baseline.</param>
/// <param name="Outline">Polygon, UTM metres.</param>
/// <param name="Roof">Roof material.</param>
public sealed record DemoBuilding(string Id, Polygon Outline, DemoRoof Roof);
