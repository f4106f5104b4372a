using System.Text.Json;

namespace Vigil.Detect;

/// <summary>
/// Reads a model's JSON card, given either the card path or the ONNX path (the card is then <c>name.card.json</c>
/// beside <c>name.onnx</c>). Shared by the building and the street-level models.
/// </summary>
internal static class CardFile
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The card and its absolute path. Throws <see cref="ModelCardException"/> naming the file.</summary>
    public static (T Card, string CardPath) Read<T>(string modelOrCardPath)
        where T : class
    {
        var cardPath = modelOrCardPath.EndsWith(".card.json", StringComparison.OrdinalIgnoreCase)
            ? modelOrCardPath
            : Path.ChangeExtension(modelOrCardPath, null) + ".card.json";
        cardPath = Path.GetFullPath(cardPath);
        if (!File.Exists(cardPath))
        {
            throw new ModelCardException(cardPath, "model card not found (expected beside the .onnx file)");
        }

        T? card;
        try
        {
            card = JsonSerializer.Deserialize<T>(File.ReadAllText(cardPath), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new ModelCardException(cardPath, $"not a valid model card: {ex.Message}");
        }

        return (card ?? throw new ModelCardException(cardPath, "empty model card"), cardPath);
    }
}
