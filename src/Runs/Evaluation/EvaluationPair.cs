namespace Vigil.Runs.Evaluation;

/// <summary>An image and its mask (null when truth comes from a labels layer).</summary>
public sealed record EvaluationPair(string ImagePath, string? MaskPath);
