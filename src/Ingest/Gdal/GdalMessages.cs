using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Vigil.Ingest.Gdal;

/// <summary>
/// Collects the warnings and errors GDAL emits on the calling thread while a scope is open (GDAL's error handler stack
/// is thread-local), so that a call that succeeds with a warning ("Incorrect count for StripOffsets", "Premature end of
/// JPEG file") is not taken as clean. Scopes nest; dispose on the thread that created the scope.
/// </summary>
internal sealed unsafe class GdalMessages : IDisposable
{
    /// <summary>
    /// Words of GDAL, libtiff and libjpeg messages that mean pixels are missing or made up: a strip or tile table that
    /// does not match the raster's size, a block that cannot be decoded, a file that ends early. What GDAL returns for
    /// those pixels (zeros, grey) is fill, not ground.
    /// </summary>
    private static readonly string[] DataLossWords =
    [
        "Incorrect count for", "Premature end", "Corrupt", "Read error", "Decoding error", "IReadBlock failed",
        "Truncated", "truncated", "short read", "Not enough data", "missing strip", "missing tile", "ended early",
    ];

    [ThreadStatic]
    private static GdalMessages? t_current;

    private readonly GdalMessages? _outer;
    private readonly List<(CplErr Level, string Text)> _messages = [];

    private GdalMessages()
    {
        _outer = t_current;
        t_current = this;
        GdalNative.CPLPushErrorHandler(&OnMessage);
    }

    /// <summary>Everything GDAL emitted in the scope, oldest first.</summary>
    internal IReadOnlyList<(CplErr Level, string Text)> All => _messages;

    /// <summary>The first message (warning or error) saying pixels are missing or made up; null when there is none.</summary>
    internal string? DataLoss => FirstLoss(CplErr.Warning);

    /// <summary>
    /// The first warning saying pixels are missing or made up: GDAL went on and returned fill for them. Null when none.
    /// </summary>
    internal string? SilentDataLoss => _messages
        .Where(m => m.Level == CplErr.Warning && IsLoss(m.Text))
        .Select(m => m.Text)
        .FirstOrDefault();

    /// <summary>The first message saying the file ends before its data does (a JPEG cut short); null when none.</summary>
    internal string? EndsEarly => _messages.Select(m => m.Text).FirstOrDefault(t => t.Contains("Premature end", StringComparison.Ordinal));

    private string? FirstLoss(CplErr atLeast) => _messages
        .Where(m => m.Level >= atLeast && IsLoss(m.Text))
        .Select(m => m.Text)
        .FirstOrDefault();

    private static bool IsLoss(string text) => DataLossWords.Any(w => text.Contains(w, StringComparison.Ordinal));

    /// <summary>Starts collecting on the calling thread.</summary>
    internal static GdalMessages Capture()
    {
        GdalLibrary.EnsureInitialized();
        return new GdalMessages();
    }

    public void Dispose()
    {
        if (t_current != this)
        {
            return;
        }

        GdalNative.CPLPopErrorHandler();
        t_current = _outer;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMessage(CplErr level, int number, nint message)
    {
        if (level >= CplErr.Warning && t_current is { } scope)
        {
            scope._messages.Add((level, Marshal.PtrToStringUTF8(message)?.Trim() ?? string.Empty));
        }
    }
}
