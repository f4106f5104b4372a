using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using OpenCvSharp;
using Vigil.Core;
using Vigil.Ingest.Tracks;

namespace Vigil.Ingest.Video;

/// <summary>
/// Takes geotagged frames from videos: reads each video's track (its own GoPro telemetry when no track is given),
/// decodes the video with OpenCV (FFmpeg inside: H.264, HEVC), keeps a frame every <see cref="FrameSamplingOptions.SpacingMeters"/>
/// travelled but never two within <see cref="FrameSamplingOptions.MinIntervalSeconds"/>, writes it as JPEG and tags it
/// with the track's position, heading and height at that moment.
/// <para>
/// Time: track time = video time + <see cref="FrameSamplingOptions.TimeOffsetSeconds"/>. DJI SRT and GoPro telemetry
/// are on the video's own clock; a GPX or NMEA track's time starts at its first fix, so by default the video is taken to
/// start with the track. A video shorter than its track is recorded as a rejection and the part they share is sampled.
/// </para>
/// A bad video or track is a rejection with its reason; the other inputs go on.
/// </summary>
public sealed class VideoFrameSampler
{
    /// <summary>A track that outlasts its video by less than this is the usual start/stop slack, not a mismatch.</summary>
    private static readonly TimeSpan LengthSlack = TimeSpan.FromSeconds(1);

    private readonly FrameSamplingOptions _options;
    private readonly string _outputFolder;
    private readonly RejectionLog _rejections;
    private readonly ConcurrentDictionary<VideoInput, GpsTrack> _tracks = new();

    /// <summary>Creates a sampler writing JPEG frames under <paramref name="outputFolder"/> (created when missing).</summary>
    public VideoFrameSampler(FrameSamplingOptions options, string outputFolder, RejectionLog rejections)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // GDAL before OpenCV (see GdalRuntime): drone frames written here are read back by GDAL on the footprint path.
        GdalRuntime.EnsureInitialized();
        _options = options;
        _outputFolder = Path.GetFullPath(outputFolder);
        _rejections = rejections;
    }

    /// <summary>
    /// The stage: samples every input in turn and writes its frames to <paramref name="output"/>, completing it at the
    /// end. Unusable inputs are recorded in the rejection log.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<VideoInput> inputs, ChannelWriter<SampledFrame> output, CancellationToken ct)
    {
        Exception? error = null;
        try
        {
            foreach (var input in inputs)
            {
                try
                {
                    foreach (var frame in Sample(input, ct))
                    {
                        await output.WriteAsync(frame, ct).ConfigureAwait(false);
                    }
                }
                catch (InputException ex)
                {
                    _rejections.Add(ex.Path, ex.Reason);
                }
                catch (OpenCVException ex)
                {
                    _rejections.Add(input.VideoPath, $"video cannot be decoded: {ex.Message}");
                }
            }
        }
        catch (Exception ex)
        {
            error = ex;
            throw;
        }
        finally
        {
            output.TryComplete(error);
        }
    }

    /// <summary>
    /// Samples one video, lazily: each frame is decoded and written when enumerated. Throws <see cref="InputException"/>
    /// for an unreadable video or track, a track that fails validation, or a video and track that do not overlap.
    /// </summary>
    public IEnumerable<SampledFrame> Sample(VideoInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!File.Exists(input.VideoPath))
        {
            throw new InputException(input.VideoPath, "video not found");
        }

        return SampleFrames(input.VideoPath, Track(input), ct);
    }

    /// <summary>Drone or dashcam for a track under the options.</summary>
    public CameraKind Resolve(GpsTrack track) => _options.Camera != CameraKind.Auto
        ? _options.Camera
        : track.IsDjiSrt || track.HasHeightAboveTakeoff ? CameraKind.Drone : CameraKind.Dashcam;

    /// <summary>
    /// Drone or dashcam for an input, from its track, before any frame is decoded (a run that has drone videos needs
    /// more configured than one with street videos only); null when the track cannot be read, which sampling then
    /// records. The track is read once and kept for sampling.
    /// </summary>
    public CameraKind? CameraOf(VideoInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            return Resolve(Track(input));
        }
        catch (InputException)
        {
            return null;
        }
    }

    private GpsTrack Track(VideoInput input)
    {
        if (_tracks.TryGetValue(input, out var known))
        {
            return known;
        }

        var track = TrackReader.Read(input.TrackPath ?? input.VideoPath, _options.TrackLimits);
        foreach (var note in track.Notes)
        {
            _rejections.Add(track.SourcePath, note);
        }

        _tracks[input] = track;
        return track;
    }

    private IEnumerable<SampledFrame> SampleFrames(string videoPath, GpsTrack track, CancellationToken ct)
    {
        using var capture = new VideoCapture(videoPath);
        if (!capture.IsOpened())
        {
            throw new InputException(videoPath, "cannot be opened as a video (OpenCV with FFmpeg)");
        }

        var fps = capture.Fps;
        var frameCount = capture.FrameCount;
        if (!(fps > 0) || frameCount <= 0)
        {
            throw new InputException(videoPath, "video without frames or frame rate");
        }

        var videoLength = TimeSpan.FromSeconds(frameCount / fps);
        var offset = TimeSpan.FromSeconds(_options.TimeOffsetSeconds);
        var first = Max(TimeSpan.Zero, track.Start - offset);
        var last = Min(videoLength, track.End - offset);
        if (first > last)
        {
            throw new InputException(videoPath, Invariant(
                $"video (0 to {videoLength.TotalSeconds:F1} s) and track {Path.GetFileName(track.SourcePath)} ({track.Start.TotalSeconds:F1} to {track.End.TotalSeconds:F1} s) do not overlap with a time offset of {offset.TotalSeconds:F1} s"));
        }

        ReportLengthMismatch(videoPath, track, videoLength, offset);
        var camera = Resolve(track);
        var takeoffAltitude = track.Fixes.FirstOrDefault(f => f.AltitudeMeters is not null)?.AltitudeMeters;
        var stem = Path.GetFileNameWithoutExtension(videoPath);
        Directory.CreateDirectory(_outputFolder);
        var quality = new ImageEncodingParam(ImwriteFlags.JpegQuality, _options.JpegQuality);
        using var image = new Mat();
        double? lastDistance = null;
        var lastTime = TimeSpan.MinValue;
        for (var index = 0; index < frameCount; index++)
        {
            ct.ThrowIfCancellationRequested();
            var mediaTime = TimeSpan.FromSeconds(index / fps);
            if (mediaTime > last || !capture.Grab())
            {
                yield break;
            }

            if (mediaTime < first || track.At(mediaTime + offset) is not { } position)
            {
                continue;
            }

            var due = lastDistance is not { } d ||
                      (position.DistanceMeters - d >= _options.SpacingMeters &&
                       (mediaTime - lastTime).TotalSeconds >= _options.MinIntervalSeconds);
            if (!due || !capture.Retrieve(image) || image.Empty())
            {
                continue;
            }

            var path = Path.Combine(_outputFolder, Invariant($"{stem}-{(long)mediaTime.TotalMilliseconds:D7}ms.jpg"));
            if (!Cv2.ImWrite(path, image, quality))
            {
                throw new IOException($"cannot write {path}");
            }

            lastDistance = position.DistanceMeters;
            lastTime = mediaTime;
            yield return new SampledFrame(path, Pose(position, camera, takeoffAltitude, track.ClockIsUtc), mediaTime,
                videoPath, camera, position.DistanceMeters, image.Width, image.Height);
        }
    }

    private void ReportLengthMismatch(string videoPath, GpsTrack track, TimeSpan videoLength, TimeSpan offset)
    {
        var trackOnVideoStart = track.Start - offset;
        var trackOnVideoEnd = track.End - offset;
        if (trackOnVideoEnd - videoLength > LengthSlack || -trackOnVideoStart > LengthSlack)
        {
            _rejections.Add(videoPath, Invariant(
                $"video is shorter than its track: the video lasts {videoLength.TotalSeconds:F1} s, the track {(track.End - track.Start).TotalSeconds:F1} s ({Path.GetFileName(track.SourcePath)}); only the part they share is sampled"));
        }
        else if (videoLength - trackOnVideoEnd > LengthSlack || trackOnVideoStart > LengthSlack)
        {
            _rejections.Add(videoPath, Invariant(
                $"track covers {Math.Max(0, trackOnVideoStart.TotalSeconds):F1} to {trackOnVideoEnd.TotalSeconds:F1} s of the {videoLength.TotalSeconds:F1} s video; frames outside it are not geotagged and not sampled"));
        }
    }

    private static CameraPose Pose(TrackPosition p, CameraKind camera, double? takeoffAltitude, bool clockIsUtc)
    {
        // Without a height above take-off the height is the altitude above the first fix: a recording that starts on
        // the ground at take-off, as drone recordings usually do.
        double? height = camera == CameraKind.Drone
            ? p.HeightAboveTakeoffMeters ?? (p.AltitudeMeters - takeoffAltitude)
            : null;
        DateTimeOffset? captured = clockIsUtc && p.ClockTime is { } clock
            ? new DateTimeOffset(DateTime.SpecifyKind(clock, DateTimeKind.Utc))
            : null;
        return new CameraPose(p.LongitudeDeg, p.LatitudeDeg, height, p.HeadingDeg,
            camera == CameraKind.Drone ? p.GimbalPitchDeg : null, captured);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
