namespace Vigil.Core;

/// <summary>What became of one true footprint in an evaluation (see <see cref="SegmentationScore"/>).</summary>
public enum ObjectOutcome
{
    /// <summary>Paired one-to-one with a prediction at IoU of at least 0.5.</summary>
    Matched,

    /// <summary>Less than half of it is predicted building.</summary>
    Missed,

    /// <summary>Mostly predicted, inside a prediction that also covers at least half of another true footprint.</summary>
    Merged,

    /// <summary>Mostly predicted, cut between predictions (at least two hold a fifth of it each).</summary>
    Split,

    /// <summary>Mostly predicted by one prediction too large, too small or shifted for IoU 0.5.</summary>
    Misshapen,
}
