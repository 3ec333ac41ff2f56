namespace Booking.DevHost;

/// <summary>Resolves <c>%Section:Key%</c> binding expressions from configuration, as the Functions host does.</summary>
public static class Settings
{
    public static string Resolve(IConfiguration configuration, string expression) =>
        expression.Length > 2 && expression.StartsWith('%') && expression.EndsWith('%')
            ? configuration[expression.Trim('%')] ?? throw new InvalidOperationException($"Setting {expression.Trim('%')} is not set.")
            : expression;
}
