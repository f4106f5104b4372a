using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Vigil.Core;
using Vigil.Ledger.Stores;
using Vigil.Runs;
using Vigil.Runs.Flights;

namespace Vigil.IntegrationTests;

/// <summary>
/// The bad-input corpus: every file is written by the test (rasters whose headers lie, baselines of another city or
/// in an unknown CRS, NaN thresholds, refused ledger changes...), given to the built <c>vigil</c> as a user would, and
/// checked for its exit code, its message in the user's words (naming the file or option, never a .NET type or a
/// stack trace) and a ledger whose cases and their history are as they were.
/// </summary>
public sealed class BadInputCorpusTests(BadInputCorpusTests.Ledger ledger) : IClassFixture<BadInputCorpusTests.Ledger>
{
    private const string Vigil = "vigil.dll";

    /// <summary>A ledger with one case (the good scene's new block), copied fresh for every bad input.</summary>
    public sealed class Ledger : IDisposable
    {
        private readonly TempDirectory _temp = new();

        public Ledger()
        {
            Scene = BadInputTests.WriteScene(_temp.File("scene.tif"));
            Baseline = BadInputTests.WriteBaseline(_temp.File("baseline.geojson"));
            Template = _temp.File("template.gpkg");
            var result = FlightRunner.RunAsync(
                new FlightRunOptions([Scene], Baseline, Template, null, BadInputTests.BrightnessModel, "F-基线"),
                null, CancellationToken.None).GetAwaiter().GetResult();
            Number = Assert.Single(result.Ledger.NumbersAssigned);
        }

        public string Scene { get; }

        public string Baseline { get; }

        public string Template { get; }

        public string Number { get; }

        public void Dispose() => _temp.Dispose();
    }

    /// <summary>One bad input: what to write and how to call vigil (given the case's folder), what must come back.</summary>
    public sealed record Case(string Name, int ExitCode, string Message, Func<Folder, string[]> Arguments, bool WithStaffList = false)
    {
        public override string ToString() => Name;
    }

    /// <summary>The case's scratch folder with the good scene, baseline and a copy of the ledger.</summary>
    public sealed class Folder(string path, Ledger ledger)
    {
        public string Path { get; } = path;

        public string LedgerPath { get; } = System.IO.Path.Combine(path, "台账.gpkg");

        public string Scene => ledger.Scene;

        public string Baseline => ledger.Baseline;

        public string Number => ledger.Number;

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public string Write(string name, string text)
        {
            System.IO.File.WriteAllText(File(name), text, new UTF8Encoding(false));
            return File(name);
        }

        public string Write(string name, byte[] bytes)
        {
            System.IO.File.WriteAllBytes(File(name), bytes);
            return File(name);
        }

        /// <summary>vigil run on <paramref name="inputs"/> against the good baseline, with extra options.</summary>
        public string[] Run(string input, params string[] extra) =>
            ["run", "--input", input, "--baseline", Baseline, "--ledger", LedgerPath, "--model", BadInputTests.BrightnessModel, .. extra];

        /// <summary>vigil run on the good scene against <paramref name="baseline"/>.</summary>
        public string[] RunWithBaseline(string baseline, params string[] extra) =>
            ["run", "--input", Scene, "--baseline", baseline, "--ledger", LedgerPath, "--model", BadInputTests.BrightnessModel, .. extra];

        public string[] LedgerVerb(params string[] words) => ["ledger", .. words, "--ledger", LedgerPath];
    }

    public static TheoryData<Case> Cases() => [.. Corpus.All];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_bad_input_is_named_with_its_exit_code_and_the_ledger_keeps_its_cases(Case bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        using var temp = new TempDirectory();
        var folder = new Folder(temp.Path, ledger);
        File.Copy(ledger.Template, folder.LedgerPath);
        var before = Snapshot(folder.LedgerPath);
        var args = bad.Arguments(folder);
        var environment = new Dictionary<string, string?> { ["LANG"] = "C.UTF-8" };
        if (bad.WithStaffList)
        {
            environment[Actors.StaffVariable] = folder.Write("staff.txt", "# 城西街道执法中队\n王芳\n李强\nzhang.wei\n");
        }

        var (code, output) = RunVigil(args, environment);

        Assert.True(bad.ExitCode == code, $"{bad.Name}: exit {code}, expected {bad.ExitCode}; output:\n{output}");
        Assert.True(output.Contains(bad.Message, StringComparison.Ordinal), $"{bad.Name}: expected \"{bad.Message}\" in:\n{output}");
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(folder.LedgerPath));
    }

    [Fact]
    public async Task A_header_claiming_60000_px_is_refused_at_once_and_the_good_input_of_the_same_run_is_processed()
    {
        using var temp = new TempDirectory();
        var folder = new Folder(temp.Path, ledger);
        var lying = Corpus.Claiming(folder, "claims.tif", 60000, 60000);

        var result = await FlightRunner.RunAsync(
            new FlightRunOptions([lying, ledger.Scene], ledger.Baseline, folder.LedgerPath, null, BadInputTests.BrightnessModel),
            null, CancellationToken.None);

        Assert.True(result.Tiles > 0);
        Assert.Single(result.Ledger.NumbersAssigned);
        var rejection = Assert.Single(result.Rejections);
        Assert.Equal(lying, rejection.Source);
        Assert.StartsWith("damaged: GDAL reports", rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_intersecting_baseline_outline_is_repaired_and_said_by_its_id()
    {
        using var temp = new TempDirectory();
        var folder = new Folder(temp.Path, ledger);
        var registered = File.ReadAllText(ledger.Baseline);
        var bowtie = Corpus.Polygon("蝴蝶-7", "[[39.25310,-6.04160],[39.25330,-6.04180],[39.25330,-6.04160],[39.25310,-6.04180],[39.25310,-6.04160]]");
        var baseline = folder.Write("bowtie.geojson", registered.Replace("}}]}", "}}," + bowtie + "]}", StringComparison.Ordinal));

        var result = await FlightRunner.RunAsync(
            new FlightRunOptions([ledger.Scene], baseline, folder.File("fresh.gpkg"), null, BadInputTests.BrightnessModel),
            null, CancellationToken.None);

        var repaired = Assert.Single(result.Rejections);
        Assert.Equal(baseline, repaired.Source);
        Assert.Contains("invalid outline(s) repaired and used as repaired: feature(s) 蝴蝶-7 (self-intersection)", repaired.Reason, StringComparison.Ordinal);
        Assert.Single(result.Ledger.NumbersAssigned);
    }

    [Fact]
    public void The_corpus_holds_at_least_fifty_bad_inputs_with_distinct_names() =>
        Assert.True(Corpus.All.Count >= 50 && Corpus.All.Select(c => c.Name).Distinct().Count() == Corpus.All.Count, $"{Corpus.All.Count} cases");

    /// <summary>
    /// The register as a user sees it: every case with its status, kind, area, offender and card, and every event of
    /// the log except a flight's own bookkeeping (started, completed, its rejections), which records the attempt.
    /// </summary>
    internal static string Snapshot(string ledgerPath)
    {
        Assert.True(File.Exists(ledgerPath), "the ledger is gone");
        using var store = GeoPackageLedgerStore.Open(ledgerPath);
        var text = new StringBuilder();
        foreach (var r in store.ReadRecords())
        {
            text.AppendLine($"{r.Number}|{r.Status}|{r.Kind}|{r.AreaSquareMeters:R}|{r.Offender}|{r.Card}|{r.LastSeenUtc:O}|{r.FootprintWgs84}");
        }

        string[] bookkeeping = [LedgerEventKinds.FlightStarted, LedgerEventKinds.FlightCompleted, LedgerEventKinds.Rejection];
        foreach (var e in store.ReadEvents().Where(e => !bookkeeping.Contains(e.Kind)))
        {
            text.AppendLine($"{e.Id}|{e.Number}|{e.Kind}|{e.Actor}|{e.Detail}");
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))) + "\n" + text;
    }

    /// <summary>Runs the built CLI (the test project references it) as a process: its exit code and its output.</summary>
    internal static (int Code, string Output) RunVigil(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, Vigil));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs a GDAL command-line tool (gdal-bin, installed by scripts/setup.sh) to write a test file.</summary>
    internal static void Gdal(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"{tool} is needed (apt-get install gdal-bin)");
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)}: {error.GetAwaiter().GetResult()}");
    }
}
