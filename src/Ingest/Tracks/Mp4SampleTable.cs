using System.Buffers.Binary;
using System.Text;

namespace Vigil.Ingest.Tracks;

/// <summary>
/// Just enough of the ISO base media file format (MP4/MOV) to find the samples of one timed-metadata track: reads
/// <c>moov</c> and, in the first <c>trak</c> whose sample description is the wanted format (e.g. "gpmd"), the
/// <c>mdhd</c> timescale and the <c>stts</c>, <c>stsz</c>, <c>stsc</c> and <c>stco</c>/<c>co64</c> tables.
/// </summary>
internal static class Mp4SampleTable
{
    /// <summary>One sample of a track: where its bytes are and when it plays.</summary>
    public readonly record struct Sample(long Offset, int Size, TimeSpan Start, TimeSpan Duration);

    /// <summary>
    /// The samples of the first track whose sample entry is <paramref name="format"/>, in decoding order; empty when
    /// the file has no such track. Throws <see cref="InvalidDataException"/> when the file is not a readable MP4.
    /// </summary>
    public static IReadOnlyList<Sample> Read(Stream file, string format)
    {
        var moov = FindTopLevel(file, "moov") ?? throw new InvalidDataException("no 'moov' box: not an MP4/MOV file, or a truncated one");
        foreach (var trak in Children(moov, "trak"))
        {
            var mdia = Child(trak, "mdia");
            var minf = mdia is { } m ? Child(m, "minf") : null;
            var stbl = minf is { } mi ? Child(mi, "stbl") : null;
            if (mdia is not { } media || stbl is not { } table || SampleEntryFormat(table) != format)
            {
                continue;
            }

            var mdhd = Child(media, "mdhd") ?? throw new InvalidDataException("media box without 'mdhd'");
            return Samples(Timescale(mdhd), table);
        }

        return [];
    }

    /// <summary>
    /// When the recording was made: the movie header's creation time (seconds since 1904-01-01 UTC, as cameras write
    /// it), or null when the file leaves it zero or has no movie header. Throws <see cref="InvalidDataException"/> when
    /// the file is not a readable MP4.
    /// </summary>
    public static DateTimeOffset? CreationTime(Stream file)
    {
        var moov = FindTopLevel(file, "moov") ?? throw new InvalidDataException("no 'moov' box: not an MP4/MOV file, or a truncated one");
        if (Child(moov, "mvhd") is not { } mvhd || mvhd.Length < 12)
        {
            return null;
        }

        var s = mvhd.Span;
        var seconds = s[0] == 1 && s.Length >= 12 ? BinaryPrimitives.ReadUInt64BigEndian(s[4..]) : BinaryPrimitives.ReadUInt32BigEndian(s[4..]);
        return seconds == 0 || seconds > MaxSeconds ? null : Mp4Epoch.AddSeconds(seconds);
    }

    private static readonly DateTimeOffset Mp4Epoch = new(1904, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Creation times beyond this many seconds after 1904 (the year 2200) are garbage, not dates.</summary>
    private const ulong MaxSeconds = 9_783_000_000;

    private static ReadOnlyMemory<byte>? FindTopLevel(Stream file, string type)
    {
        Span<byte> header = stackalloc byte[16];
        long position = 0;
        var length = file.Length;
        while (position + 8 <= length)
        {
            file.Position = position;
            file.ReadExactly(header[..8]);
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var name = Encoding.ASCII.GetString(header[4..8]);
            var headerSize = 8;
            if (size == 1)
            {
                file.ReadExactly(header[8..16]);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = length - position;
            }

            if (size < headerSize || position + size > length)
            {
                throw new InvalidDataException($"box '{name}' at byte {position} has an impossible size {size}");
            }

            if (name == type)
            {
                var body = new byte[size - headerSize];
                file.ReadExactly(body);
                return body;
            }

            position += size;
        }

        return null;
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Children(ReadOnlyMemory<byte> parent, string type)
    {
        var offset = 0;
        while (offset + 8 <= parent.Length)
        {
            var span = parent.Span[offset..];
            long size = BinaryPrimitives.ReadUInt32BigEndian(span);
            var name = Encoding.ASCII.GetString(span[4..8]);
            var headerSize = 8;
            if (size == 1 && span.Length >= 16)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(span[8..]);
                headerSize = 16;
            }
            else if (size == 0)
            {
                size = parent.Length - offset;
            }

            if (size < headerSize || offset + size > parent.Length)
            {
                throw new InvalidDataException($"box '{name}' has an impossible size {size}");
            }

            if (name == type)
            {
                yield return parent.Slice(offset + headerSize, (int)size - headerSize);
            }

            offset += (int)size;
        }
    }

    private static ReadOnlyMemory<byte>? Child(ReadOnlyMemory<byte> parent, string type)
    {
        foreach (var child in Children(parent, type))
        {
            return child;
        }

        return null;
    }

    private static string? SampleEntryFormat(ReadOnlyMemory<byte> stbl)
    {
        // stsd: version/flags (4), entry count (4), then the first entry: size (4), format (4).
        var stsd = Child(stbl, "stsd");
        return stsd is { Length: >= 16 } s ? Encoding.ASCII.GetString(s.Span[12..16]) : null;
    }

    private static uint Timescale(ReadOnlyMemory<byte> mdhd)
    {
        var s = mdhd.Span;
        var scale = s[0] == 1 ? BinaryPrimitives.ReadUInt32BigEndian(s[20..]) : BinaryPrimitives.ReadUInt32BigEndian(s[12..]);
        return scale == 0 ? throw new InvalidDataException("media header with a zero timescale") : scale;
    }

    private static List<Sample> Samples(uint timescale, ReadOnlyMemory<byte> stbl)
    {
        var sizes = SampleSizes(Required(stbl, "stsz"));
        var times = SampleTimes(Required(stbl, "stts"), sizes.Count);
        var chunks = ChunkOffsets(stbl);
        var stsc = Required(stbl, "stsc").Span;
        var entries = (int)BinaryPrimitives.ReadUInt32BigEndian(stsc[4..]);
        var samples = new List<Sample>(sizes.Count);
        var next = 0;
        for (var e = 0; e < entries && next < sizes.Count; e++)
        {
            var row = stsc[(8 + 12 * e)..];
            var firstChunk = (int)BinaryPrimitives.ReadUInt32BigEndian(row) - 1;
            var perChunk = (int)BinaryPrimitives.ReadUInt32BigEndian(row[4..]);
            var lastChunk = e + 1 < entries
                ? (int)BinaryPrimitives.ReadUInt32BigEndian(stsc[(8 + 12 * (e + 1))..]) - 1
                : chunks.Count;
            for (var c = firstChunk; c < lastChunk && c < chunks.Count; c++)
            {
                var offset = chunks[c];
                for (var k = 0; k < perChunk && next < sizes.Count; k++, next++)
                {
                    var (start, duration) = times[next];
                    samples.Add(new Sample(offset, sizes[next],
                        TimeSpan.FromSeconds((double)start / timescale), TimeSpan.FromSeconds((double)duration / timescale)));
                    offset += sizes[next];
                }
            }
        }

        return samples;
    }

    private static ReadOnlyMemory<byte> Required(ReadOnlyMemory<byte> stbl, string type) =>
        Child(stbl, type) ?? throw new InvalidDataException($"sample table without '{type}'");

    private static List<int> SampleSizes(ReadOnlyMemory<byte> stsz)
    {
        var s = stsz.Span;
        var fixedSize = (int)BinaryPrimitives.ReadUInt32BigEndian(s[4..]);
        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(s[8..]);
        var sizes = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            sizes.Add(fixedSize != 0 ? fixedSize : (int)BinaryPrimitives.ReadUInt32BigEndian(s[(12 + 4 * i)..]));
        }

        return sizes;
    }

    private static List<(long Start, long Duration)> SampleTimes(ReadOnlyMemory<byte> stts, int sampleCount)
    {
        var s = stts.Span;
        var entries = (int)BinaryPrimitives.ReadUInt32BigEndian(s[4..]);
        var times = new List<(long, long)>(sampleCount);
        long t = 0;
        for (var e = 0; e < entries; e++)
        {
            var count = BinaryPrimitives.ReadUInt32BigEndian(s[(8 + 8 * e)..]);
            var delta = BinaryPrimitives.ReadUInt32BigEndian(s[(12 + 8 * e)..]);
            for (var k = 0; k < count; k++)
            {
                times.Add((t, delta));
                t += delta;
            }
        }

        while (times.Count < sampleCount)
        {
            times.Add((t, 0));
        }

        return times;
    }

    private static List<long> ChunkOffsets(ReadOnlyMemory<byte> stbl)
    {
        var wide = Child(stbl, "co64");
        var table = (wide ?? Required(stbl, "stco")).Span;
        var count = (int)BinaryPrimitives.ReadUInt32BigEndian(table[4..]);
        var offsets = new List<long>(count);
        for (var i = 0; i < count; i++)
        {
            offsets.Add(wide is null
                ? BinaryPrimitives.ReadUInt32BigEndian(table[(8 + 4 * i)..])
                : (long)BinaryPrimitives.ReadUInt64BigEndian(table[(8 + 8 * i)..]));
        }

        return offsets;
    }
}
