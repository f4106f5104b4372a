using System.Text.RegularExpressions;

namespace Vigil.Bench;

/// <summary>
/// The process's peak resident set (Linux VmHWM), resettable so that each measured phase reports its own peak
/// rather than the generator's or the previous phase's.
/// </summary>
internal static partial class PeakMemory
{
    /// <summary>Resets the peak to the current resident set (writing 5 to /proc/self/clear_refs, Linux 4.0+).</summary>
    public static void Reset()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        File.WriteAllText("/proc/self/clear_refs", "5");
    }

    /// <summary>Peak resident set since the last reset, MB (10^6 bytes).</summary>
    public static double PeakMegabytes()
    {
        var match = HighWaterMark().Match(File.ReadAllText("/proc/self/status"));
        return match.Success ? long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 1024 / 1e6 : double.NaN;
    }

    [GeneratedRegex(@"VmHWM:\s+(\d+)\s+kB")]
    private static partial Regex HighWaterMark();
}
