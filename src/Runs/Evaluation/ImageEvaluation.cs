using Vigil.Core;

namespace Vigil.Runs.Evaluation;

/// <summary>The evaluation of one image.</summary>
/// <param name="Name">The image's file name.</param>
/// <param name="Score">Strict pixel and object counts.</param>
/// <param name="Tolerant">Pixel counts at the best shift within the offset tolerance; object matches with each true footprint shifted on its own.</param>
public sealed record ImageEvaluation(string Name, SegmentationScore Score, SegmentationScore Tolerant);
