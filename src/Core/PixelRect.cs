namespace Vigil.Core;

/// <summary>A half-open pixel rectangle [X0, X1) x [Y0, Y1) in some grid's pixel coordinates.</summary>
public readonly record struct PixelRect(int X0, int Y0, int X1, int Y1)
{
    /// <summary>Width in pixels.</summary>
    public int Width => X1 - X0;

    /// <summary>Height in pixels.</summary>
    public int Height => Y1 - Y0;

    /// <summary>True when the rectangle holds no pixel.</summary>
    public bool IsEmpty => X1 <= X0 || Y1 <= Y0;
}
