namespace Vigil.Ledger.Evidence;

/// <summary>
/// A picture attached to a case as evidence, kept as an "evidence-attached" event: a street-level frame from a vehicle
/// video, or a photo taken on site. Work lists show the latest of each case.
/// </summary>
/// <param name="Number">The case.</param>
/// <param name="Kind">What it is, e.g. "street-frame" or "site-photo".</param>
/// <param name="Path">The image file (JPEG or PNG), absolute.</param>
/// <param name="CapturedUtc">When the picture was taken.</param>
/// <param name="DistanceMeters">Distance from the camera to the case's outline, metres; null when unknown.</param>
/// <param name="Actor">Who or what attached it.</param>
public sealed record EvidenceAttachment(
    string Number, string Kind, string Path, DateTimeOffset CapturedUtc, double? DistanceMeters, string Actor);
