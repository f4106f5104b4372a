namespace Vigil.Demo;

/// <summary>Roof materials the scene generator draws.</summary>
public enum DemoRoof
{
    /// <summary>Corrugated metal sheet, grey with ribs.</summary>
    MetalSheet,

    /// <summary>Terracotta tiles with a ridge.</summary>
    Tile,

    /// <summary>Flat concrete slab.</summary>
    Concrete,
}
