using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Vigil.Ingest.Tracks;

/// <summary>
/// Reads GPS from GoPro GPMF telemetry (KLV: 4-character key, type, structure size, repeat; nested DEVC/STRM), either
/// one raw payload or every payload of an MP4's "gpmd" track:
/// <list type="bullet">
/// <item>GPS5 (HERO5 and later cameras): latitude, longitude, altitude, 2D and 3D speed, scaled by SCAL, with GPSU (UTC)
/// and GPSF (fix: 0 none, 2 2D, 3 3D); payloads without a fix are skipped and counted;</item>
/// <item>GLPI (Karma drone, MAVLink GLOBAL_POSITION_INT, a TYPE-described structure): latitude, longitude, altitude,
/// height above take-off, velocities and heading.</item>
/// </list>
/// Samples of a payload are spread evenly over the payload's time in the MP4 (over one second for a raw payload,
/// GoPro's payload length).
/// </summary>
public static class GpmfParser
{
    /// <summary>GoPro writes one payload a second; a raw payload has no container to say so.</summary>
    private static readonly TimeSpan RawPayloadDuration = TimeSpan.FromSeconds(1);

    /// <summary>Reads one raw GPMF payload (a .raw/.bin file). Throws <see cref="InputException"/> when it holds no GPS fix.</summary>
    public static GpsTrack ReadRaw(string path)
    {
        var bytes = TrackFile.Read(path, File.ReadAllBytes);

        return Build(path, [(bytes, TimeSpan.Zero, RawPayloadDuration)]);
    }

    /// <summary>
    /// Reads the GPS of every payload of an MP4/MOV's GoPro metadata track ("gpmd"). Throws <see cref="InputException"/>
    /// when the file has no such track or no fix in it.
    /// </summary>
    public static GpsTrack ReadMp4(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            var samples = Mp4SampleTable.Read(file, "gpmd");
            if (samples.Count == 0)
            {
                throw new InputException(path, "no GoPro telemetry track (gpmd) in the video; give its GPS track with --track");
            }

            var payloads = new List<(byte[], TimeSpan, TimeSpan)>(samples.Count);
            foreach (var s in samples)
            {
                var buffer = new byte[s.Size];
                file.Position = s.Offset;
                file.ReadExactly(buffer);
                payloads.Add((buffer, s.Start, s.Duration));
            }

            return Build(path, payloads);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new InputException(path, $"cannot read its telemetry: {ex.Message}", ex);
        }
    }

    /// <summary>True when an MP4/MOV has a GoPro metadata track ("gpmd"); false when it has none or is unreadable.</summary>
    public static bool HasTelemetry(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            return Mp4SampleTable.Read(file, "gpmd").Count > 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return false;
        }
    }

    private static GpsTrack Build(string path, IReadOnlyList<(byte[] Bytes, TimeSpan Start, TimeSpan Duration)> payloads)
    {
        var fixes = new List<GpsFix>();
        var noLock = 0;
        var withGps = 0;
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (bytes, start, duration) in payloads)
        {
            var found = new List<GpsStream>();
            Walk(bytes, found);
            foreach (var stream in found)
            {
                withGps++;
                if (stream.Fix == 0)
                {
                    noLock++;
                    continue;
                }

                kinds.Add(stream.Key);
                for (var i = 0; i < stream.Samples.Count; i++)
                {
                    var offset = duration * i / stream.Samples.Count;
                    var s = stream.Samples[i];
                    if (s.Lon == 0 && s.Lat == 0)
                    {
                        continue;
                    }

                    fixes.Add(new GpsFix(start + offset, stream.Utc + offset, s.Lon, s.Lat, s.Alt, s.Height, s.Heading));
                }
            }
        }

        if (fixes.Count == 0)
        {
            throw new InputException(path, withGps == 0
                ? "GPMF telemetry without GPS (no GPS5 or GLPI stream)"
                : $"GPMF telemetry without a GPS lock (GPSF 0 in all {withGps} GPS payload(s))");
        }

        var notes = noLock == 0 ? Array.Empty<string>() : [$"{noLock} of {withGps} GPS payload(s) without a lock skipped"];
        var utc = fixes.All(f => f.ClockTime is not null);
        return new GpsTrack(path, $"gpmf/{string.Join('+', kinds)}", fixes, clockIsUtc: utc, notes);
    }

    private static void Walk(ReadOnlySpan<byte> data, List<GpsStream> found)
    {
        var stream = new StreamState();
        var offset = 0;
        while (offset + 8 <= data.Length)
        {
            var key = Encoding.ASCII.GetString(data.Slice(offset, 4));
            var type = (char)data[offset + 4];
            var structSize = data[offset + 5];
            var repeat = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 6)..]);
            var size = structSize * repeat;
            if (offset + 8 + size > data.Length)
            {
                break;
            }

            var body = data.Slice(offset + 8, size);
            if (type == '\0')
            {
                Walk(body, found);
            }
            else
            {
                stream.Read(key, type, structSize, repeat, body, found);
            }

            offset += 8 + ((size + 3) & ~3);
        }
    }

    private static int TypeSize(char type) => type switch
    {
        'b' or 'B' or 'c' => 1,
        's' or 'S' => 2,
        'l' or 'L' or 'f' => 4,
        'd' or 'j' or 'J' => 8,
        _ => 0,
    };

    private static double Value(char type, ReadOnlySpan<byte> s) => type switch
    {
        'b' => (sbyte)s[0],
        'B' => s[0],
        's' => BinaryPrimitives.ReadInt16BigEndian(s),
        'S' => BinaryPrimitives.ReadUInt16BigEndian(s),
        'l' => BinaryPrimitives.ReadInt32BigEndian(s),
        'L' => BinaryPrimitives.ReadUInt32BigEndian(s),
        'f' => BinaryPrimitives.ReadSingleBigEndian(s),
        'd' => BinaryPrimitives.ReadDoubleBigEndian(s),
        'j' => BinaryPrimitives.ReadInt64BigEndian(s),
        'J' => BinaryPrimitives.ReadUInt64BigEndian(s),
        _ => double.NaN,
    };

    private readonly record struct GpsSample(double Lon, double Lat, double? Alt, double? Height, double? Heading);

    private sealed record GpsStream(string Key, int? Fix, DateTime? Utc, IReadOnlyList<GpsSample> Samples);

    /// <summary>The sticky values of one STRM (SCAL, TYPE, GPSU, GPSF) that the data key after them uses.</summary>
    private sealed class StreamState
    {
        private double[] _scale = [1];
        private string? _types;
        private DateTime? _utc;
        private int? _fix;

        public void Read(string key, char type, int structSize, int repeat, ReadOnlySpan<byte> body, List<GpsStream> found)
        {
            switch (key)
            {
                case "SCAL":
                    var width = TypeSize(type);
                    if (width > 0)
                    {
                        _scale = new double[body.Length / width];
                        for (var i = 0; i < _scale.Length; i++)
                        {
                            _scale[i] = Value(type, body[(i * width)..]);
                        }
                    }

                    break;
                case "TYPE":
                    _types = Encoding.ASCII.GetString(body).TrimEnd('\0');
                    break;
                case "GPSU":
                    _utc = DateTime.TryParseExact(Encoding.ASCII.GetString(body).TrimEnd('\0'), "yyMMddHHmmss.fff",
                        CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
                        ? t
                        : null;
                    break;
                case "GPSF":
                    _fix = (int)Value(type, body);
                    break;
                case "GPS5" when type == 'l' && structSize == 20:
                    var gps5 = new List<GpsSample>(repeat);
                    for (var i = 0; i < repeat; i++)
                    {
                        var v = Fields(body.Slice(i * 20, 20), "lllll");
                        gps5.Add(new GpsSample(v[1], v[0], v[2], null, null));
                    }

                    found.Add(new GpsStream("GPS5", _fix, _utc, gps5));
                    break;
                case "GLPI" when type == '?' && _types is { Length: >= 9 } types:
                    var glpi = new List<GpsSample>(repeat);
                    for (var i = 0; i < repeat; i++)
                    {
                        // MAVLink GLOBAL_POSITION_INT: time, lat, lon, alt, relative alt, vx, vy, vz, heading (cdeg, 65535 unknown).
                        var v = Fields(body.Slice(i * structSize, structSize), types);
                        double? heading = v[8] is >= 0 and <= 360 ? v[8] : null;
                        glpi.Add(new GpsSample(v[2], v[1], v[3], v[4], heading));
                    }

                    found.Add(new GpsStream("GLPI", null, null, glpi));
                    break;
            }
        }

        private double[] Fields(ReadOnlySpan<byte> record, string types)
        {
            var values = new double[types.Length];
            var offset = 0;
            for (var f = 0; f < types.Length && offset < record.Length; f++)
            {
                var width = TypeSize(types[f]);
                var scale = _scale.Length == 1 ? _scale[0] : f < _scale.Length ? _scale[f] : 1;
                values[f] = Value(types[f], record[offset..]) / (scale == 0 ? 1 : scale);
                offset += width;
            }

            return values;
        }
    }
}
