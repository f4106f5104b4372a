using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;
using Vigil.Core;

namespace Vigil.Runs.Evaluation;

/// <summary>
/// The footprints of an evaluation, to look at in QGIS where objects are lost: every predicted footprint, matched or
/// not, and (with labels) every true footprint with what became of it. One GeoJSON file in EPSG:4326; the attribute
/// <c>side</c> tells predicted from true, <c>outcome</c> gives matched, unmatched (predicted), missed, merged, split or
/// misshapen (true).
/// </summary>
internal sealed class OutcomeMap
{
    private readonly FeatureCollection _features = [];

    /// <summary>
    /// Adds one image's footprints: <paramref name="predicted"/> numbered 1..n in order, as are
    /// <paramref name="truth"/> (null for raster masks, which have no outlines).
    /// </summary>
    public void Add(string image, UtmZone zone, IReadOnlyList<Footprint> predicted, IReadOnlyList<Geometry>? truth, ObjectOutcomes outcomes)
    {
        for (var i = 0; i < predicted.Count; i++)
        {
            _features.Add(new Feature(zone.ToWgs84(predicted[i].Outline), new AttributesTable
            {
                { "image", image },
                { "side", "predicted" },
                { "outcome", outcomes.PredictedMatched[i + 1] ? "matched" : "unmatched" },
                { "area_m2", Math.Round(predicted[i].AreaSquareMeters, 1) },
                { "confidence", Math.Round(predicted[i].Confidence, 3) },
            }));
        }

        for (var i = 0; truth is not null && i < truth.Count; i++)
        {
            if (outcomes.Truth[i + 1] is not { } outcome)
            {
                continue;   // outside the image
            }

            _features.Add(new Feature(zone.ToWgs84(truth[i]), new AttributesTable
            {
                { "image", image },
                { "side", "truth" },
                { "outcome", outcome.ToString().ToLowerInvariant() },
                { "area_m2", Math.Round(truth[i].Area, 1) },
            }));
        }
    }

    /// <summary>Writes the collected footprints to <paramref name="path"/>.</summary>
    public void Write(string path)
    {
        var options = new JsonSerializerOptions { Encoder = ReadableJson.Encoder };
        options.Converters.Add(new GeoJsonConverterFactory());
        File.WriteAllText(path, JsonSerializer.Serialize(_features, options));
    }
}
