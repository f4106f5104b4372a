using Vigil.Detect;
using Vigil.Runs.Flights;

namespace Vigil.Runs.Tests;

/// <summary>The confidence a new case needs, from the shipped model's card.</summary>
public sealed class CaseConfidenceTests
{
    private static readonly ModelCard Shipped = ModelCard.Load(Path.Combine(RepositoryRoot(), "models", "vigil-buildings.card.json"));

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
