using System.Globalization;
using System.Text.RegularExpressions;

namespace Vigil.Ingest.Tracks;

/// <summary>
/// Reads DJI video telemetry subtitles (.SRT). Every firmware style seen in the field is recognised by its fields,
/// record by record, so a file that switches style half-way (two recordings joined) still reads:
/// <list type="bullet">
/// <item>"bracketed" (Mavic 2/3, Air 2, Air 2S, Mini 2+): <c>[latitude: y] [longitude: x]</c> (or the misspelt
/// <c>longtitude</c>), <c>[rel_alt: h abs_alt: a]</c> or <c>[altitude: a]</c>, camera fields in brackets;</item>
/// <item>"home" (Mavic Pro, Phantom 4 old firmware): <c>HOME(lon,lat) date</c> and <c>GPS(lon,lat,alt) BAROMETER:h</c>
/// or <c>Hb:h Hs:h</c>;</item>
/// <item>"inline" (Phantom 4 Pro/RTK, Mavic Mini): <c>F/2.8, SS 400, ISO 100, EV 0, GPS (lon, lat, satellites),
/// HOME (...), D d m, H h m, H.S ..., F.PRY (p°, r°, y°), G.PRY (p°, r°, y°)</c>;</item>
/// <item>"m300" (Matrice 300): <c>GPS(lat,lon,altM) BAROMETER:hM</c>, latitude first, units written.</item>
/// </list>
/// DJI's clock is the aircraft's local time, so the track's clock is not UTC. Positions of exactly 0,0 (no GPS lock)
/// are skipped and counted in <see cref="GpsTrack.Notes"/>.
/// </summary>
public static partial class DjiSrtParser
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.IgnoreCase;

    /// <summary>Reads an SRT file. Throws <see cref="InputException"/> for an unknown format or one without any position.</summary>
    public static GpsTrack Read(string path)
    {
        var text = TrackFile.Read(path, File.ReadAllText);

        return Parse(path, text);
    }

    /// <summary>Parses SRT text; <paramref name="path"/> names it in errors.</summary>
    public static GpsTrack Parse(string path, string text)
    {
        var blocks = BlankLine().Split(text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF'))
            .Select(b => b.Trim())
            .Where(b => b.Length > 0)
            .ToList();
        var fixes = new List<GpsFix>();
        var styles = new SortedSet<string>(StringComparer.Ordinal);
        var recognised = 0;
        var withoutPosition = 0;
        DateTime? firstClock = null;
        foreach (var block in blocks)
        {
            var record = ParseRecord(TagOrNoise().Replace(block, " "));
            if (record.Style is null)
            {
                continue;
            }

            recognised++;
            if (record.Longitude is not { } lon || record.Latitude is not { } lat || (lon == 0 && lat == 0))
            {
                withoutPosition++;
                continue;
            }

            styles.Add(record.Style);
            firstClock ??= record.Clock;
            var trackTime = record.Timecode
                ?? (record.Clock is { } clock && firstClock is { } first ? clock - first : (TimeSpan?)null);
            if (trackTime is null)
            {
                withoutPosition++;
                continue;
            }

            fixes.Add(new GpsFix(trackTime.Value, record.Clock, lon, lat, record.Altitude, record.Height, record.Yaw,
                record.GimbalPitch, record.GimbalYaw) { Camera = record.Camera });
        }

        if (recognised == 0)
        {
            var first = blocks.Count == 0 ? "(empty file)" : blocks[0].Split('\n').Take(3).Aggregate((a, b) => $"{a} | {b}");
            throw new InputException(path, $"unknown SRT format: no DJI telemetry record found (first record: '{Shorten(first)}')");
        }

        if (fixes.Count == 0)
        {
            throw new InputException(path,
                $"DJI SRT without a GPS position in any of its {recognised} record(s) (camera settings only, or no GPS lock)");
        }

        var notes = withoutPosition == 0
            ? Array.Empty<string>()
            : [$"{withoutPosition} of {recognised} record(s) without a GPS position skipped"];
        var format = styles.Count == 1 ? $"dji-srt/{styles.Min}" : $"dji-srt/mixed({string.Join('+', styles)})";
        return new GpsTrack(path, format, fixes, clockIsUtc: false, notes);
    }

    private static SrtRecord ParseRecord(string block)
    {
        var r = new SrtRecord();
        if (Timecode().Match(block) is { Success: true } tc)
        {
            r.Timecode = new TimeSpan(0, Int(tc.Groups[1]), Int(tc.Groups[2]), Int(tc.Groups[3]), Int(tc.Groups[4]));
        }

        if (ClockPattern().Match(block) is { Success: true } ck)
        {
            var fraction = ck.Groups[7].Success ? ck.Groups[7].Value.PadRight(3, '0')[..3] : "0";
            r.Clock = new DateTime(Int(ck.Groups[1]), Int(ck.Groups[2]), Int(ck.Groups[3]), Int(ck.Groups[4]),
                Int(ck.Groups[5]), Int(ck.Groups[6]), int.Parse(fraction, CultureInfo.InvariantCulture), DateTimeKind.Unspecified);
        }

        if (BracketLatitude().Match(block) is { Success: true } blat && BracketLongitude().Match(block) is { Success: true } blon)
        {
            r.Style = "bracketed";
            (r.Latitude, r.Longitude) = (Num(blat.Groups[1]), Num(blon.Groups[1]));
            if (RelAbsAltitude().Match(block) is { Success: true } ra)
            {
                (r.Height, r.Altitude) = (Num(ra.Groups[1]), Num(ra.Groups[2]));
            }
            else if (BracketAltitude().Match(block) is { Success: true } ba)
            {
                r.Altitude = Num(ba.Groups[1]);
            }
        }
        else if (M300Gps().Match(block) is { Success: true } m300)
        {
            r.Style = "m300";
            (r.Latitude, r.Longitude, r.Altitude) = (Num(m300.Groups[1]), Num(m300.Groups[2]), Num(m300.Groups[3]));
        }
        else if (ParenGps().Match(block) is { Success: true } gps)
        {
            r.Style = gps.Groups[1].Value.Length > 0 || block.Contains("F.PRY", StringComparison.Ordinal) || block.StartsWith("F/", StringComparison.Ordinal) || block.Contains(", SS ", StringComparison.Ordinal)
                ? "inline"
                : "home";
            (r.Longitude, r.Latitude) = (Num(gps.Groups[2]), Num(gps.Groups[3]));
            if (r.Style == "home")
            {
                r.Altitude = Num(gps.Groups[4]);
            }
        }
        else if (NoFix().IsMatch(block))
        {
            // Old firmware before a GPS lock: GPS(N/A,N/A,satellites).
            r.Style = "no-fix";
        }
        else if (BracketCamera().IsMatch(block))
        {
            // Camera-only firmware (Mavic Air): a DJI record without position.
            r.Style = "camera-only";
        }

        if (Barometer().Match(block) is { Success: true } baro)
        {
            r.Height = Num(baro.Groups[1]);
        }
        else if (HomeBarometer().Match(block) is { Success: true } hb)
        {
            r.Height = Num(hb.Groups[1]);
        }
        else if (InlineHeight().Match(block) is { Success: true } h)
        {
            r.Height = Num(h.Groups[1]);
        }

        if (FlightPry().Match(block) is { Success: true } fpry)
        {
            r.Yaw = Heading(Num(fpry.Groups[3]));
        }

        if (GimbalPry().Match(block) is { Success: true } gpry)
        {
            r.GimbalPitch = Num(gpry.Groups[1]);
            r.GimbalYaw = Heading(Num(gpry.Groups[3]));
        }

        r.Camera = Camera(block);
        return r;
    }

    private static DjiCameraSettings? Camera(string block)
    {
        int? iso = Iso().Match(block) is { Success: true } i ? Int(i.Groups[1]) : null;
        string? shutter = Shutter().Match(block) is { Success: true } s ? s.Groups[1].Value : null;
        double? fnum = null;
        if (BracketFnum().Match(block) is { Success: true } bf)
        {
            // Older bracketed firmware writes f-number x 100 ("280" = f/2.8), newer ones the value ("3.2").
            var v = Num(bf.Groups[1]);
            fnum = bf.Groups[1].Value.Contains('.', StringComparison.Ordinal) ? v : v / 100;
        }
        else if (InlineFnum().Match(block) is { Success: true } inf)
        {
            fnum = Num(inf.Groups[1]);
        }

        double? focal = null;
        if (FocalLength().Match(block) is { Success: true } fl)
        {
            // As with the f-number: "240" is 24.0 mm, "24.00" is 24 mm.
            var v = Num(fl.Groups[1]);
            focal = fl.Groups[1].Value.Contains('.', StringComparison.Ordinal) ? v : v / 10;
        }

        return iso is null && shutter is null && fnum is null && focal is null
            ? null
            : new DjiCameraSettings(iso, shutter, fnum, focal);
    }

    private static double Heading(double yawDeg) => ((yawDeg % 360) + 360) % 360;

    private static int Int(Group g) => int.Parse(g.Value, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static double Num(Group g) => double.Parse(g.Value, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Shorten(string s) => s.Length <= 80 ? s : s[..80] + "...";

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLine();

    [GeneratedRegex(@"</?font[^>]*>")]
    private static partial Regex TagOrNoise();

    [GeneratedRegex(@"(\d{1,2}):(\d{2}):(\d{2})[,.](\d{3})\s*-->", Options)]
    private static partial Regex Timecode();

    [GeneratedRegex(@"(\d{4})[-.](\d{1,2})[-.](\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})(?:[,.](\d{1,3}))?", Options)]
    private static partial Regex ClockPattern();

    [GeneratedRegex(@"\[latitude\s*:\s*(-?[\d.]+)\]", Options)]
    private static partial Regex BracketLatitude();

    [GeneratedRegex(@"\[longt?itude\s*:\s*(-?[\d.]+)\]", Options)]
    private static partial Regex BracketLongitude();

    [GeneratedRegex(@"\[rel_alt\s*:\s*(-?[\d.]+)\s+abs_alt\s*:\s*(-?[\d.]+)\]", Options)]
    private static partial Regex RelAbsAltitude();

    [GeneratedRegex(@"\[altitude\s*:\s*(-?[\d.]+)\]", Options)]
    private static partial Regex BracketAltitude();

    [GeneratedRegex(@"\bGPS\s*\(\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)M\s*\)", RegexOptions.CultureInvariant)]
    private static partial Regex M300Gps();

    [GeneratedRegex(@"\bGPS(\s*)\(\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*\)", Options)]
    private static partial Regex ParenGps();

    [GeneratedRegex(@"\bGPS\s*\(\s*N/A", Options)]
    private static partial Regex NoFix();

    [GeneratedRegex(@"\[(?:iso|shutter|fnum)\s*:", Options)]
    private static partial Regex BracketCamera();

    [GeneratedRegex(@"BAROMETER\s*:\s*(-?[\d.]+)", Options)]
    private static partial Regex Barometer();

    [GeneratedRegex(@"\bHb\s*:\s*(-?[\d.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex HomeBarometer();

    [GeneratedRegex(@"(?:^|,\s*)H\s+(-?[\d.]+)m", RegexOptions.CultureInvariant)]
    private static partial Regex InlineHeight();

    [GeneratedRegex(@"F\.PRY\s*\(\s*(-?[\d.]+)°?\s*,\s*(-?[\d.]+)°?\s*,\s*(-?[\d.]+)°?\s*\)", RegexOptions.CultureInvariant)]
    private static partial Regex FlightPry();

    [GeneratedRegex(@"G\.PRY\s*\(\s*(-?[\d.]+)°?\s*,\s*(-?[\d.]+)°?\s*,\s*(-?[\d.]+)°?\s*\)", RegexOptions.CultureInvariant)]
    private static partial Regex GimbalPry();

    [GeneratedRegex(@"(?:\[iso\s*:\s*|\bISO[\s:]+)(\d+)", Options)]
    private static partial Regex Iso();

    [GeneratedRegex(@"(?:\[shutter\s*:\s*|\bSS\s+|\bShutter:|\bTV:)([\d./]+)", RegexOptions.CultureInvariant)]
    private static partial Regex Shutter();

    [GeneratedRegex(@"\[fnum\s*:\s*([\d.]+)\]", Options)]
    private static partial Regex BracketFnum();

    [GeneratedRegex(@"(?:\bF/|Fnum:|IR:F)([\d.]+)", RegexOptions.CultureInvariant)]
    private static partial Regex InlineFnum();

    [GeneratedRegex(@"\[focal_len\s*:\s*([\d.]+)\]", Options)]
    private static partial Regex FocalLength();

    private sealed class SrtRecord
    {
        public string? Style { get; set; }

        public TimeSpan? Timecode { get; set; }

        public DateTime? Clock { get; set; }

        public double? Latitude { get; set; }

        public double? Longitude { get; set; }

        public double? Altitude { get; set; }

        public double? Height { get; set; }

        public double? Yaw { get; set; }

        public double? GimbalPitch { get; set; }

        public double? GimbalYaw { get; set; }

        public DjiCameraSettings? Camera { get; set; }
    }
}
