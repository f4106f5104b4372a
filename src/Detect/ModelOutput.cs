namespace Vigil.Detect;

/// <summary>The network's output: NCHW float32 probabilities, one channel per class, sigmoid applied.</summary>
public sealed record ModelOutput
{
    /// <summary>Output tensor name.</summary>
    public required string Name { get; init; }

    /// <summary>Class names, in channel order; the first is the building class.</summary>
    public required IReadOnlyList<string> Classes { get; init; }
}
