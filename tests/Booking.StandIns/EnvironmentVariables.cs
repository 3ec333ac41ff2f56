namespace Booking.StandIns;

/// <summary>
/// Sets environment variables for this process and puts the previous values back on dispose. Environment variables
/// are process-wide: tests that use this must not run in parallel with others that read the same variables
/// (put them in one non-parallel xunit collection).
/// </summary>
public sealed class EnvironmentVariables : IDisposable
{
    private readonly Dictionary<string, string?> _previous = new(StringComparer.Ordinal);

    private EnvironmentVariables(IEnumerable<KeyValuePair<string, string?>> values)
    {
        foreach (var (name, value) in values)
        {
            _previous.TryAdd(name, Environment.GetEnvironmentVariable(name));
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    /// <summary>Sets each variable (a null value removes it) until dispose.</summary>
    public static EnvironmentVariables Set(IEnumerable<KeyValuePair<string, string?>> values) => new(values);

    public static EnvironmentVariables Set(string name, string? value) => new([new(name, value)]);

    public void Dispose()
    {
        foreach (var (name, value) in _previous)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
