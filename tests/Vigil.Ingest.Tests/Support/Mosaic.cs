namespace Vigil.Ingest.Tests.Support;

/// <summary>A warped grid rebuilt from tile cores.</summary>
public sealed class Mosaic(int width, int height)
{
    public int Width { get; } = width;

    public int Height { get; } = height;

    public byte[] Rgb { get; } = new byte[width * height * 3];

    public byte[] Valid { get; } = new byte[width * height];

    public int[] Coverage { get; } = new int[width * height];

    public byte R(int x, int y) => Rgb[3 * (y * Width + x)];

    public byte G(int x, int y) => Rgb[3 * (y * Width + x) + 1];

    public byte B(int x, int y) => Rgb[3 * (y * Width + x) + 2];

    public bool IsValid(int x, int y) => Valid[y * Width + x] != 0;
}
