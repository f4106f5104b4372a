using NetTopologySuite.Geometries;
using Vigil.Core;
using Vigil.Ledger.Evidence;
using Vigil.Ledger.Flights;

namespace Vigil.Ledger.WorkLists;

/// <summary>Makes the pictures of one work-list case into the list's picture folder.</summary>
internal sealed class PictureMaker(
    WorkListItem item, IReadOnlyList<ViolationRecord> allCases, IImagerySource? imagery, string outDirectory, string pictureFolder)
{
    private readonly List<string> _notes = [];

    public CasePictureSet Make()
    {
        var outline = item.Record.FootprintWgs84;
        var number = item.Record.Number;
        var cropWindow = CasePictures.Window(outline, WorkListExport.CropMarginMeters);
        var before = item.BeforeFlight is { } first ? CropOf(first, cropWindow, "before") : null;
        var after = item.AfterFlight is { } last ? CropOf(last, cropWindow, "after") : null;
        if (item.BeforeFlight is null)
        {
            _notes.Add("no picture: no recorded flight covered the case");
        }
        else if (item.AfterFlight is null)
        {
            _notes.Add($"no after picture: only flight {item.BeforeFlight.FlightId} covered the case");
        }

        var mapWindow = CasePictures.Window(outline, WorkListExport.ThumbnailMarginMeters);
        var background = (item.AfterFlight ?? item.BeforeFlight) is { } latest && imagery is not null
            ? Cut(latest, mapWindow, CasePictures.ThumbnailPixels, quiet: true)
            : null;
        var neighbours = allCases
            .Where(c => c.Number != number && c.FootprintWgs84.EnvelopeInternal.Intersects(mapWindow))
            .Select(c => c.FootprintWgs84);
        var map = Relative($"{number}-map.png");
        CasePictures.Thumbnail(Absolute(map), outline, neighbours, mapWindow, background);

        string? beforeFile = null;
        string? afterFile = null;
        if (before is not null)
        {
            beforeFile = Relative($"{number}-before.png");
            CasePictures.Crop(Absolute(beforeFile), before, outline, $"{item.BeforeFlight!.FlightId} {item.BeforeFlight.CapturedUtc ?? item.BeforeFlight.StartedUtc:yyyy-MM-dd}");
        }

        if (after is not null)
        {
            afterFile = Relative($"{number}-after.png");
            CasePictures.Crop(Absolute(afterFile), after, outline, $"{item.AfterFlight!.FlightId} {item.AfterFlight.CapturedUtc ?? item.AfterFlight.StartedUtc:yyyy-MM-dd}");
        }

        return new CasePictureSet(map, beforeFile, afterFile, StreetFrame(), _notes);
    }

    private ImageryCrop? CropOf(FlightRow flight, Envelope window, string which)
    {
        if (imagery is null)
        {
            _notes.Add($"no {which} picture: no imagery reader given");
            return null;
        }

        return Cut(flight, window, CasePictures.CropPixels, quiet: false);
    }

    /// <summary>The first raster of the flight that shows the window; notes why none does unless <paramref name="quiet"/>.</summary>
    private ImageryCrop? Cut(FlightRow flight, Envelope window, int maxSizePixels, bool quiet)
    {
        var reasons = new List<string>();
        foreach (var raster in flight.Inputs)
        {
            try
            {
                if (imagery!.Crop(raster, window, maxSizePixels) is { } crop)
                {
                    return crop;
                }

                reasons.Add($"{raster} does not show the case");
            }
            catch (IOException ex)
            {
                reasons.Add(ex.Message);
            }
        }

        if (!quiet)
        {
            _notes.Add(reasons.Count == 0
                ? $"no picture from flight {flight.FlightId}: it recorded no raster"
                : $"no picture from flight {flight.FlightId}: {string.Join("; ", reasons)}");
        }

        return null;
    }

    private string? StreetFrame()
    {
        if (item.StreetFramePath is not { } source)
        {
            return null;
        }

        if (!File.Exists(source))
        {
            _notes.Add($"no street frame picture: {source} is missing");
            return null;
        }

        // Copied so that the folder is self-contained and can be moved or printed elsewhere.
        var copy = Relative($"{item.Record.Number}-street{Path.GetExtension(source).ToLowerInvariant()}");
        File.Copy(source, Absolute(copy), overwrite: true);
        return copy;
    }

    private string Relative(string fileName) => $"{pictureFolder}/{fileName}";

    private string Absolute(string relative) => Path.Combine(outDirectory, relative);
}
