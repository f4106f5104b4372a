using System.Globalization;

namespace Vigil.Ingest.Tracks;

/// <summary>
/// Reads an NMEA 0183 log: <c>$--RMC</c> (position, date, time; status A only), <c>$--GGA</c> (position, altitude,
/// time; fix quality above 0) and Magellan's <c>$PMGNTRK</c> (position, altitude, time, date). A sentence with a wrong
/// checksum is skipped and counted in <see cref="GpsTrack.Notes"/>; GGA takes its date from the latest RMC. Sentences
/// of the same second are merged into one fix (RMC's position, GGA's altitude). Times are UTC.
/// </summary>
public static class NmeaParser
{
    private const double FeetToMeters = 0.3048;

    /// <summary>Reads an NMEA file. Throws <see cref="InputException"/> when it has no usable fix.</summary>
    public static GpsTrack Read(string path)
    {
        var lines = TrackFile.Read(path, File.ReadAllLines);

        return Parse(path, lines);
    }

    /// <summary>Parses NMEA lines; <paramref name="path"/> names the file in errors.</summary>
    public static GpsTrack Parse(string path, IReadOnlyList<string> lines)
    {
        var merged = new List<Merged>();
        var badChecksums = new List<int>();
        var sentences = 0;
        DateOnly? date = null;
        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n].Trim();
            if (!line.StartsWith('$'))
            {
                continue;
            }

            sentences++;
            if (!ChecksumOk(line))
            {
                badChecksums.Add(n + 1);
                continue;
            }

            var star = line.IndexOf('*', StringComparison.Ordinal);
            var f = (star < 0 ? line[1..] : line[1..star]).Split(',');
            var type = f[0].Length >= 3 ? f[0][^3..] : f[0];
            switch (type)
            {
                case "RMC" when f.Length > 9 && f[2] == "A":
                    date = Date(f[9]) ?? date;
                    Add(merged, date, f[1], Coordinate(f[3], f[4]), Coordinate(f[5], f[6]), null);
                    break;
                case "GGA" when f.Length > 9 && f[6] is not ("" or "0"):
                    Add(merged, date, f[1], Coordinate(f[2], f[3]), Coordinate(f[4], f[5]), Number(f[9]));
                    break;
                case "TRK" when f[0] == "PMGNTRK" && f.Length > 10 && f[8] == "A":
                    date = Date(f[10]) ?? date;
                    var alt = Number(f[5]);
                    Add(merged, date, f[7], Coordinate(f[1], f[2]), Coordinate(f[3], f[4]),
                        f[6] == "F" && alt is { } feet ? feet * FeetToMeters : alt);
                    break;
            }
        }

        if (merged.Count == 0)
        {
            throw new InputException(path, sentences == 0
                ? "no NMEA sentence found (expected lines starting with '$')"
                : $"none of its {sentences} NMEA sentence(s) is a valid dated fix (RMC with status A, GGA after an RMC, PMGNTRK)");
        }

        var first = merged[0].Time;
        var fixes = merged.Select(m => new GpsFix(m.Time - first, m.Time, m.Lon, m.Lat, m.Alt)).ToList();
        var notes = badChecksums.Count == 0
            ? Array.Empty<string>()
            : [$"{badChecksums.Count} sentence(s) with a wrong checksum skipped (line {string.Join(", ", badChecksums.Take(5))})"];
        return new GpsTrack(path, "nmea", fixes, clockIsUtc: true, notes);
    }

    /// <summary>True when the sentence has no checksum or the XOR of the characters between '$' and '*' matches it.</summary>
    public static bool ChecksumOk(string sentence)
    {
        var star = sentence.IndexOf('*', StringComparison.Ordinal);
        if (star < 0)
        {
            return true;
        }

        byte sum = 0;
        for (var i = 1; i < star; i++)
        {
            sum ^= (byte)sentence[i];
        }

        return sentence.Length >= star + 3 &&
               byte.TryParse(sentence.AsSpan(star + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var expected) &&
               expected == sum;
    }

    private static void Add(List<Merged> merged, DateOnly? date, string hhmmss, double? lat, double? lon, double? alt)
    {
        if (date is not { } d || lat is not { } y || lon is not { } x || hhmmss.Length < 6 ||
            !TimeOnly.TryParseExact(hhmmss.Length > 6 ? hhmmss : hhmmss + ".00", ["HHmmss.FFF", "HHmmss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
        {
            return;
        }

        var time = DateTime.SpecifyKind(d.ToDateTime(t), DateTimeKind.Utc);
        if (merged.Count > 0 && merged[^1].Time == time)
        {
            merged[^1].Alt ??= alt;
            return;
        }

        merged.Add(new Merged { Time = time, Lat = y, Lon = x, Alt = alt });
    }

    private static DateOnly? Date(string ddmmyy) =>
        DateOnly.TryParseExact(ddmmyy, "ddMMyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>"ddmm.mmmm" / "dddmm.mmmm" with a hemisphere letter to signed degrees.</summary>
    private static double? Coordinate(string value, string hemisphere)
    {
        if (Number(value) is not { } raw)
        {
            return null;
        }

        var degrees = Math.Floor(raw / 100);
        var result = degrees + (raw - degrees * 100) / 60;
        return hemisphere is "S" or "W" ? -result : result;
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private sealed class Merged
    {
        public DateTime Time { get; init; }

        public double Lat { get; init; }

        public double Lon { get; init; }

        public double? Alt { get; set; }
    }
}
