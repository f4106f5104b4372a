using System.ComponentModel;
using System.Diagnostics;

namespace Vigil.Ingest.Tests.Support;

/// <summary>Runs GDAL's command-line tools (gdal-bin) to make fixtures in formats Vigil does not write itself.</summary>
public static class GdalTools
{
    public static void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"{tool} is missing: install gdal-bin (apt-get install gdal-bin).", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{tool} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr} {stdout.Result}");
            }
        }
    }
}
