namespace Vigil.Detect;

/// <summary>A model card or ONNX model that cannot be used; the message names the file and the reason.</summary>
public sealed class ModelCardException(string path, string reason) : Exception($"{path}: {reason}")
{
    /// <summary>The offending file.</summary>
    public string Path { get; } = path;
}
