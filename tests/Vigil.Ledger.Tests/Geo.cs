using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace Vigil.Ledger.Tests;

internal static class Geo
{
    public static Geometry Wkt(string wkt) => new WKTReader().Read(wkt);
}
