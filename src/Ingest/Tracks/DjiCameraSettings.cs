namespace Vigil.Ingest.Tracks;

/// <summary>The camera fields of a DJI SRT record, as far as the firmware writes them.</summary>
/// <param name="Iso">Sensor sensitivity (ISO).</param>
/// <param name="Shutter">Shutter speed as written, e.g. "1/60.0" or "400" (1/400 s).</param>
/// <param name="FNumber">Aperture f-number, e.g. 2.8.</param>
/// <param name="FocalLengthMm">Focal length, millimetres (35 mm equivalent as DJI writes it).</param>
public sealed record DjiCameraSettings(int? Iso, string? Shutter, double? FNumber, double? FocalLengthMm);
