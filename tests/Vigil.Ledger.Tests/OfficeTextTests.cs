namespace Vigil.Ledger.Tests;

/// <summary>File names from Chinese team names, and the languages of the office's documents.</summary>
public sealed class OfficeTextTests
{
    [Theory]
    [InlineData("城西街道", "城西街道")]
    [InlineData("城东街道", "城东街道")]
    [InlineData("north", "north")]
    [InlineData("人民路街道", "人民路街道")]
    public void A_plain_team_name_is_its_own_file_name(string team, string stem) =>
        Assert.Equal(stem, WorkListExport.FileStem(team));

    [Fact]
    public void Names_that_would_share_a_slug_get_distinct_file_names_that_keep_the_readable_part()
    {
        string[] teams =
        [
            "城西街道", "城东街道", "North", "north", "north team", "north-team", "north/team", "城西街道 (一中队)",
            "城西街道（一中队）", "城西街道/二中队", "..", "", "  ",
        ];

        var stems = teams.Select(WorkListExport.FileStem).ToList();

        Assert.Equal(teams.Length, stems.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(stems, s => Assert.True(s.Length > 0 && s.IndexOfAny(['/', '\\', '\0']) < 0 && s != "." && s != "..", s));
        Assert.Equal("north-43f853", WorkListExport.FileStem("North"));
        Assert.Equal("城西街道-一中队-1ba9f3", WorkListExport.FileStem("城西街道 (一中队)"));
        Assert.Matches("^城西街道-二中队-[0-9a-f]{6}$", WorkListExport.FileStem("城西街道/二中队"));
    }

    [Fact]
    public void A_very_long_name_is_cut_to_a_slug_under_the_file_name_limit()
    {
        var team = string.Concat(Enumerable.Repeat("城西街道", 40));

        var stem = WorkListExport.FileStem(team);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(stem + "-pictures") < 255, stem);
        Assert.StartsWith("城西街道城西街道", stem, StringComparison.Ordinal);
        Assert.NotEqual(stem, WorkListExport.FileStem(team + "东"));
    }

    [Theory]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh_CN", "zh-CN")]
    [InlineData("ZH-cn", "zh-CN")]
    [InlineData("en", "en")]
    [InlineData("en-GB", "en")]
    public void Lang_tags_name_a_language(string tag, string expected) => Assert.Equal(expected, OfficeText.For(tag).Tag);

    [Fact]
    public void An_unknown_language_is_refused_with_the_choices()
    {
        var error = Assert.Throws<ArgumentException>(() => OfficeText.For("fr"));

        Assert.Equal("unknown language 'fr'; --lang takes zh-CN or en", error.Message);
    }

    [Fact]
    public void Both_languages_label_every_csv_field()
    {
        Assert.Equal(OfficeText.English.CsvHeadings.Count, OfficeText.SimplifiedChinese.CsvHeadings.Count);
        Assert.Equal(OfficeText.SimplifiedChinese.CsvHeadings.Count, OfficeText.SimplifiedChinese.CsvHeadings.Distinct().Count());
    }
}
