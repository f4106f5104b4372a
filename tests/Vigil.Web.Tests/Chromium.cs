using Microsoft.Playwright;

namespace Vigil.Web.Tests;

/// <summary>
/// Debian's chromium driven by Playwright through its executable path (Playwright's own browser builds cannot be
/// downloaded here). Fails with what to install when it is missing.
/// </summary>
internal static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    public static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        var path = Environment.GetEnvironmentVariable("VIGIL_CHROMIUM") is { Length: > 0 } configured
            ? configured
            : Candidates.FirstOrDefault(File.Exists)
              ?? throw new InvalidOperationException(
                  "The browser tests need Debian's chromium: run `bash scripts/setup.sh` (apt-get install chromium), or set VIGIL_CHROMIUM.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = path,
            Headless = true,
            // Root in a container has no user namespace for chromium's sandbox.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }

    /// <summary>TestResults/web-screenshots/TEST under the repository, created.</summary>
    public static string ScreenshotFolder(string test)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Vigil.slnx")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "web-screenshots", test);
        Directory.CreateDirectory(folder);
        return folder;
    }
}
