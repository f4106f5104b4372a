using Npgsql;
using Vigil.Runs;
using Vigil.Runs.Flights;
using static Vigil.IntegrationTests.BadInputCorpusTests;

namespace Vigil.IntegrationTests;

/// <summary>
/// The PostGIS ledger's credentials never need the command line and never reach the output: PGPASSWORD, ~/.pgpass,
/// the service file (Service=, PGSERVICE with postgresql:) and connection files work through the built vigil; a
/// password on the command line is warned about; failures name the server, never the password. Also who a change is
/// recorded for: name@host, checked against the staff list.
/// </summary>
public sealed class CredentialTests : IDisposable
{
    private const string Server = "Host=127.0.0.1;Port=5432;Database=vigil_test;Username=vigil";
    private const string RealPassword = "vigil";
    private const string WrongPassword = "Pw-秘密-4711-wrong";

    private readonly TempDirectory _temp = new();
    private readonly string _schema = $"t_cred_{Guid.NewGuid():N}";
    private readonly string _admin;

    public CredentialTests()
    {
        _admin = Environment.GetEnvironmentVariable("VIGIL_POSTGIS") is { Length: > 0 } configured
            ? configured
            : $"{Server};Password={RealPassword}";
        Execute($"CREATE SCHEMA {_schema}");
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Execute($"DROP SCHEMA {_schema} CASCADE");
        _temp.Dispose();
    }

    [Fact]
    public void The_password_comes_from_the_environment_a_pgpass_file_a_service_or_a_connection_file_and_is_never_printed()
    {
        var settings = new NpgsqlConnectionStringBuilder(_admin);
        var withoutPassword = new NpgsqlConnectionStringBuilder(_admin) { Password = null, SearchPath = $"{_schema},public" }.ToString();
        var pgpass = Write("pgpass", $"{settings.Host}:{settings.Port}:{settings.Database}:{settings.Username}:{settings.Password}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(pgpass, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var services = Write("pg_service.conf",
            $"# 城西街道执法中队\n[台账]\nhost={settings.Host}\nport={settings.Port}\ndbname={settings.Database}\nuser={settings.Username}\noptions=-c search_path={_schema},public\n");
        var connectionFile = Write("ledger.conn", $"# 违建台账\n{withoutPassword}\nPassword={settings.Password}\n");

        var runs = new List<(string What, int Code, string Output)>
        {
            Vigil("PGPASSWORD", ["ledger", "init", "--ledger", withoutPassword], new() { ["PGPASSWORD"] = settings.Password }),
            Vigil("~/.pgpass (PGPASSFILE)", ["ledger", "list", "--ledger", withoutPassword], new() { ["PGPASSFILE"] = pgpass }),
            Vigil("Service=", ["ledger", "list", "--ledger", "Service=台账"], new() { ["PGSERVICEFILE"] = services, ["PGPASSFILE"] = pgpass }),
            Vigil("postgresql: with PGSERVICE", ["ledger", "list", "--ledger", "postgresql:"],
                new() { ["PGSERVICE"] = "台账", ["PGSERVICEFILE"] = services, ["PGPASSWORD"] = settings.Password }),
            Vigil("a connection file", ["ledger", "teams", "--ledger", connectionFile], []),
        };

        Assert.All(runs, r => Assert.True(r.Code == ExitCodes.Success, $"{r.What}: exit {r.Code}\n{r.Output}"));
        Assert.Equal("ledger ready, 0 case(s)", runs[0].Output.Trim());
        Assert.All(runs.Skip(1).Take(3), r => Assert.Equal("0 case(s)", r.Output.Trim()));
        Assert.All(runs, r => Assert.DoesNotContain("Password", r.Output, StringComparison.OrdinalIgnoreCase));
        Assert.All(runs, r => Assert.DoesNotContain("warning", r.Output, StringComparison.Ordinal));
    }

    [Fact]
    public void A_password_on_the_command_line_is_warned_about_and_no_failure_prints_it()
    {
        var onCommandLine = $"Host=127.0.0.1;Port=5432;Database=vigil_test;Username=vigil;Password={WrongPassword};Search Path={_schema},public";
        var unreachable = $"Host=127.0.0.1;Port=1;Database=vigil_test;Username=vigil;Password={WrongPassword};Timeout=3";
        var unreadable = $"Host=127.0.0.1;Password={WrongPassword};Bogus Key=1";
        var inFile = Write("wrong.conn", onCommandLine + "\n");

        var runs = new List<(string What, int Code, string Output)>
        {
            Vigil("wrong password", ["ledger", "list", "--ledger", onCommandLine], []),
            Vigil("wrong password, --ledger=", ["report", "--out", _temp.File("r"), $"--ledger={onCommandLine}"], []),
            Vigil("unreachable server", ["ledger", "init", "--ledger", unreachable], []),
            Vigil("unknown key", ["ledger", "list", "--ledger", unreadable], []),
            Vigil("wrong password in a connection file", ["ledger", "list", "--ledger", inFile], []),
            Vigil("wrong password in PGPASSWORD", ["ledger", "list", "--ledger", $"{Server};Search Path={_schema},public"], new() { ["PGPASSWORD"] = WrongPassword }),
        };

        Assert.All(runs, r => Assert.True(r.Code == ExitCodes.BadConfiguration, $"{r.What}: exit {r.Code}\n{r.Output}"));
        Assert.All(runs, r => Assert.DoesNotContain(WrongPassword, r.Output, StringComparison.Ordinal));
        Assert.All(runs, r => Assert.DoesNotContain("Exception", r.Output, StringComparison.Ordinal));
        Assert.All(runs.Take(4), r => Assert.Contains(global::Vigil.Cli.CommandLine.PasswordWarning, r.Output, StringComparison.Ordinal));
        Assert.All(runs.Skip(4), r => Assert.DoesNotContain("warning", r.Output, StringComparison.Ordinal));
        Assert.Contains("password authentication failed for user \"vigil\"", runs[0].Output, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL 127.0.0.1:1/vigil_test", runs[2].Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_actor_is_recorded_with_the_host_and_checked_against_the_staff_list()
    {
        var ledger = _temp.File("台账.gpkg");
        var scene = BadInputTests.WriteScene(_temp.File("scene.tif"));
        var result = await FlightRunner.RunAsync(
            new FlightRunOptions([scene], BadInputTests.WriteBaseline(_temp.File("b.geojson")), ledger, null, BadInputTests.BrightnessModel),
            null, CancellationToken.None);
        var number = Assert.Single(result.Ledger.NumbersAssigned);
        var staff = new Dictionary<string, string?> { [Actors.StaffVariable] = Write("staff.txt", "\uFEFF# 城西街道\n王芳\n李强\n") };

        var listed = Vigil("listed", ["ledger", "set-status", number, "confirmed", "--reason", "现场核实", "--actor", "王芳", "--ledger", ledger], staff);
        var unlisted = Vigil("unlisted", ["ledger", "set-status", number, "rejected", "--reason", "误报", "--actor", "王方", "--ledger", ledger], staff);
        var free = Vigil("no list", ["ledger", "set-offender", number, "地块 12/7", "--ledger", ledger], []);
        var history = Vigil("history", ["ledger", "history", number, "--ledger", ledger], []);

        Assert.Equal(ExitCodes.Success, listed.Code);
        Assert.Equal(ExitCodes.Refused, unlisted.Code);
        Assert.Contains("--actor '王方' is not on the staff list", unlisted.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, free.Code);
        Assert.Contains($"王芳@{Environment.MachineName}", history.Output, StringComparison.Ordinal);
        Assert.Contains($"{Environment.UserName}@{Environment.MachineName}", history.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("王方", history.Output, StringComparison.Ordinal);
    }

    private (string What, int Code, string Output) Vigil(string what, string[] args, Dictionary<string, string?> environment)
    {
        environment["HOME"] = _temp.Path;
        foreach (var variable in new[] { "PGPASSWORD", "PGPASSFILE", "PGSERVICE", "PGSERVICEFILE", Actors.StaffVariable })
        {
            environment.TryAdd(variable, null);
        }

        var (code, output) = RunVigil(args, environment);
        return (what, code, output);
    }

    private string Write(string name, string text)
    {
        File.WriteAllText(_temp.File(name), text);
        return _temp.File(name);
    }

    private void Execute(string sql)
    {
        try
        {
            using var connection = new NpgsqlConnection(_admin);
            connection.Open();
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL with PostGIS is needed for these tests and is not reachable ({ex.Message}): run `sudo bash scripts/postgis.sh`, or point VIGIL_POSTGIS at another server.", ex);
        }
    }
}
