namespace Vigil.Ledger.Tests;

public sealed class CardRulesTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void YAML_and_JSON_rules_read_the_same()
    {
        var yaml = Write("rules.yaml", """
            yellow:
              open_cases_per_zone: 5
              open_cases_per_offender: 2
              deadline_days: 90
            red:
              yellow_unresolved_days: 30
            """);
        var json = Write("rules.json", """
            {"yellow": {"open_cases_per_zone": 5, "open_cases_per_offender": 2, "deadline_days": 90},
             "red": {"yellow_unresolved_days": 30, "rebuilt": true}}
            """);

        Assert.Equal(new CardRules(5, 2, 90, 30, true), CardRules.Load(yaml));
        Assert.Equal(CardRules.Load(yaml), CardRules.Load(json));
    }

    [Theory]
    [InlineData("yellow:\n  open_cases_per_zone: five\n", "line 2")]
    [InlineData("yellow:\n  open_cases_per_zone: 5\n  open_cases_per_offender: 2\n  deadline_days: 90\n  colour: 3\nred:\n  yellow_unresolved_days: 30\n", "line 5")]
    [InlineData("yellow:\n  open_cases_per_zone: 5\n  open_cases_per_offender: 2\n  deadline_days: 0\nred:\n  yellow_unresolved_days: 30\n", "'yellow.deadline_days' must be a positive whole number")]
    [InlineData("yellow:\n  open_cases_per_zone: 5\n", "must have a 'yellow' and a 'red' section")]
    [InlineData("red:\n  yellow_unresolved_days: 30\nyellow:\n  open_cases_per_zone: 5\n  deadline_days: 9\n", "lacks 'yellow.open_cases_per_offender'")]
    public void Rules_file_with_an_error_is_refused_with_where_and_why(string text, string expected)
    {
        var path = Write("rules.yaml", text);

        var error = Assert.Throws<InvalidDataException>(() => CardRules.Load(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }
}
