using System.Globalization;
using Vigil.Detect;
using Vigil.Ledger.Language;

namespace Vigil.Runs.Flights;

/// <summary>
/// A sign that a flight's imagery is unlike what the model was made for (another sensor, resolution, season or kind
/// of town): its new and demolished records deserve a look before anyone acts on them.
/// </summary>
/// <param name="Kind"><see cref="FewDetections"/>, <see cref="MostlyNew"/> or <see cref="UnlikeValidation"/>.</param>
/// <param name="Detections">Structures detected in the flight (after merging).</param>
/// <param name="BaselineBuildings">Baseline buildings inside the ground the flight covered with valid imagery.</param>
/// <param name="Confidence">The spread of this flight's detection confidences; null without detections.</param>
/// <param name="CardConfidence">The spread the model's card gives for its validation detections; null when it gives none.</param>
/// <param name="Model">The model as people name it ("vigil-buildings 2026.12.3, 0.15 m").</param>
public sealed record DomainWarning(
    string Kind, int Detections, int BaselineBuildings, ConfidenceFigures? Confidence, ConfidenceFigures? CardConfidence,
    string Model)
{
    /// <summary>Far fewer detections than the baseline holds in the covered ground.</summary>
    public const string FewDetections = "few-detections";

    /// <summary>More new records than baseline buildings in the covered ground.</summary>
    public const string MostlyNew = "mostly-new";

    /// <summary>The detections' confidences sit well below those of the model's validation.</summary>
    public const string UnlikeValidation = "confidence-unlike-validation";

    /// <summary>New and expanded records among the detections.</summary>
    public int NewRecords { get; init; }

    /// <summary>The warning in words, in the office's language.</summary>
    /// <param name="text">The language.</param>
    public string Describe(OfficeText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Kind switch
        {
            FewDetections => string.Format(CultureInfo.InvariantCulture, text.FewDetections, Detections, BaselineBuildings,
                BaselineBuildings == 0 ? 0 : (double)Detections / BaselineBuildings, Model),
            MostlyNew => string.Format(CultureInfo.InvariantCulture, text.MostlyNew, NewRecords, BaselineBuildings,
                Detections - NewRecords, Model),
            _ => string.Format(CultureInfo.InvariantCulture, text.UnlikeValidation, Confidence?.Median ?? 0, CardConfidence?.P10 ?? 0,
                CardConfidence?.Median ?? 0, Model),
        };
    }

    /// <summary>The model as <see cref="Model"/> names it.</summary>
    public static string ModelName(ModelCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return string.Create(CultureInfo.InvariantCulture, $"{card.Name} {card.Version}, {card.GsdMeters:0.###} m");
    }
}
