namespace Vigil.Web.Hosting;

/// <summary>
/// A request the app refuses, with the HTTP status and a message in the user's terms; turned into a JSON
/// <c>{"error": message}</c> answer by <see cref="VigilServer"/>. Nothing was written.
/// </summary>
internal sealed class Refusal(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static Refusal NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    public static Refusal Forbidden(string message) => new(StatusCodes.Status403Forbidden, message);

    public static Refusal BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
}
