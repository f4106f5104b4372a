using System.Diagnostics;

namespace Vigil.Ledger.Tests;

/// <summary>Runs the GDAL tools and the system Python that check the ledger from outside .NET.</summary>
internal static class ExternalTool
{
    public const string Python = "/usr/bin/python3";
    public const string GpkgValidator = "/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py";
    public const string OgrInfo = "/usr/bin/ogrinfo";

    public static void Require(string path, string debianPackage)
    {
        if (!File.Exists(path))
        {
            Assert.Fail($"{path} is missing: install it with 'apt-get install {debianPackage}'.");
        }
    }

    public static (int ExitCode, string Output) Run(string executable, params string[] arguments)
    {
        using var process = Start(executable, arguments);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    public static Process Start(string executable, params string[] arguments)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}.");
    }
}
