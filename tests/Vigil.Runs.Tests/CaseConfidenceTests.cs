using System.Text.Json.Nodes;
using Vigil.Detect;
using Vigil.Runs.Flights;

namespace Vigil.Runs.Tests;

/// <summary>The confidence a new case needs, from the shipped model's card.</summary>
public sealed class CaseConfidenceTests
{
    private static readonly string ShippedCard = Path.Combine(RepositoryRoot(), "models", "vigil-buildings.card.json");

    /// <summary>The shipped card without a level of its own: the derived level.</summary>
    private static readonly ModelCard Shipped = ModelCard.Load(ShippedCard) is var card
        ? card with { Thresholds = card.Thresholds with { CaseConfidence = null } }
        : null!;

    [Fact]
    public void A_new_case_needs_halfway_from_the_cards_keeping_bar_to_its_median_validation_confidence()
    {
        var keep = Shipped.Thresholds.MinConfidence!.Value;
        var median = Shipped.Validation!.DetectionConfidence!.Median;

        Assert.Equal(keep + (median - keep) / 2, CaseConfidence.Level(Shipped), 9);
        Assert.InRange(CaseConfidence.Level(Shipped), keep + 0.05, median - 0.05);
    }

    [Fact]
    public void A_card_without_validation_confidences_opens_cases_at_its_keeping_bar()
    {
        var without = Shipped with { Validation = null };
        var none = Shipped with { Validation = null, Thresholds = Shipped.Thresholds with { MinConfidence = null } };

        Assert.Equal(Shipped.Thresholds.MinConfidence!.Value, CaseConfidence.Level(without));
        Assert.Equal(0, CaseConfidence.Level(none));
    }

    [Fact]
    public void A_card_that_names_its_case_level_opens_cases_there()
    {
        var named = Shipped with { Thresholds = Shipped.Thresholds with { CaseConfidence = 0.8 } };

        Assert.Equal(0.8, CaseConfidence.Level(named));
    }

    [Fact]
    public void A_case_level_under_the_keeping_bar_is_refused_by_name()
    {
        var json = JsonNode.Parse(File.ReadAllText(ShippedCard))!;
        json["thresholds"]!["caseConfidence"] = json["thresholds"]!["minConfidence"]!.GetValue<double>() - 0.1;
        var folder = Directory.CreateTempSubdirectory("vigil-case-level-");
        var card = Path.Combine(folder.FullName, "low-case.card.json");
        File.WriteAllText(card, json.ToJsonString());

        var error = Assert.Throws<ModelCardException>(() => ModelCard.Load(card));
        folder.Delete(recursive: true);

        Assert.Contains("thresholds.caseConfidence", error.Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Vigil.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no Vigil.slnx above {AppContext.BaseDirectory}");
    }
}
