using NetTopologySuite.Geometries;
using OpenCvSharp;
using Vigil.Core;
using Vigil.Ingest;
using CvPoint = OpenCvSharp.Point;

namespace Vigil.Runs.Evaluation;

/// <summary>
/// The pixel grid truth is scored on (the mask's, else the image's): footprints from any CRS are burnt into it as
/// numbered instances.
/// </summary>
/// <param name="Width">Pixels across.</param>
/// <param name="Height">Pixels down.</param>
/// <param name="Transform">Geotransform in <paramref name="Crs"/>.</param>
/// <param name="Crs">WKT or "EPSG:n".</param>
/// <param name="GsdMeters">Approximate pixel size on the ground.</param>
public sealed record ReferenceGrid(int Width, int Height, GeoTransform Transform, string Crs, double GsdMeters)
{
    /// <summary>Burns polygons given in <paramref name="zone"/> as instances 1..n; returns the raster, row-major.</summary>
    public int[] Burn(IReadOnlyList<Geometry> polygonsUtm, UtmZone zone)
    {
        using var canvas = new Mat(Height, Width, MatType.CV_32SC1, Scalar.All(0));
        for (var i = 0; i < polygonsUtm.Count; i++)
        {
            var rings = new List<CvPoint[]>();
            for (var g = 0; g < polygonsUtm[i].NumGeometries; g++)
            {
                if (polygonsUtm[i].GetGeometryN(g) is not Polygon polygon)
                {
                    continue;
                }

                rings.Add(ToPixels(polygon.ExteriorRing, zone));
                rings.AddRange(polygon.InteriorRings.Select(r => ToPixels(r, zone)));
            }

            if (rings.Count > 0)
            {
                Cv2.FillPoly(canvas, rings, Scalar.All(i + 1));
            }
        }

        canvas.GetArray(out int[] labels);
        return labels;
    }

    private CvPoint[] ToPixels(LineString ring, UtmZone zone)
    {
        var coordinates = ring.Coordinates;
        var xs = new double[coordinates.Length];
        var ys = new double[coordinates.Length];
        for (var i = 0; i < coordinates.Length; i++)
        {
            (xs[i], ys[i]) = zone.Inverse(coordinates[i].X, coordinates[i].Y);
        }

        CrsTransform.FromWgs84(Crs, xs, ys);
        var points = new CvPoint[coordinates.Length];
        for (var i = 0; i < coordinates.Length; i++)
        {
            var (column, row) = Transform.WorldToPixel(xs[i], ys[i]);
            points[i] = new CvPoint((int)Math.Floor(column), (int)Math.Floor(row));
        }

        return points;
    }
}
