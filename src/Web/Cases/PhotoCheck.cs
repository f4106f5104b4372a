using System.Globalization;

namespace Vigil.Web.Cases;

/// <summary>What a field photo must be: a JPEG or PNG (by its first bytes, not its name) of at most <see cref="MaxBytes"/>.</summary>
internal static class PhotoCheck
{
    /// <summary>15 MiB: a phone's full-resolution JPEG is 3 to 8 MB; more is a video or a raw file.</summary>
    public const long MaxBytes = 15L * 1024 * 1024;

    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The file extension for the photo (".jpg" or ".png"), or the reason it is refused.</summary>
    public static (string? Extension, string? Refusal) Check(string fileName, long length, ReadOnlySpan<byte> head)
    {
        if (length == 0)
        {
            return (null, $"the photo '{fileName}' is empty");
        }

        if (length > MaxBytes)
        {
            return (null, string.Create(CultureInfo.InvariantCulture,
                $"the photo '{fileName}' is {length / 1048576.0:F1} MB; the limit is {MaxBytes / 1048576} MB"));
        }

        if (head.StartsWith(Jpeg))
        {
            return (".jpg", null);
        }

        return head.StartsWith(Png)
            ? (".png", null)
            : (null, $"'{fileName}' is not a photo: only JPEG and PNG images are accepted");
    }
}
