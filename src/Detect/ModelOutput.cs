using System.Text.Json.Serialization;

namespace Vigil.Detect;

/// <summary>The network's output: NCHW float32 probabilities, one channel per class, sigmoid applied.</summary>
public sealed record ModelOutput
{
    /// <summary>Class name of the building extent channel, which must come first.</summary>
    public const string BuildingClass = "building";

    /// <summary>
    /// Class name of the optional contact-band channel: high on the thin band where two different buildings touch or
    /// nearly touch, so that touching roofs come out as separate footprints.
    /// </summary>
    public const string SeparationClass = "separation";

    /// <summary>Output tensor name.</summary>
    public required string Name { get; init; }

    /// <summary>Class names, in channel order; the first is the building class.</summary>
    public required IReadOnlyList<string> Classes { get; init; }

    /// <summary>Channel index of the <see cref="SeparationClass"/>, or -1 when the model has none.</summary>
    [JsonIgnore]
    public int SeparationChannel
    {
        get
        {
            for (var i = 0; i < Classes.Count; i++)
            {
                if (Classes[i] == SeparationClass)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
