using System.Reflection;

namespace Booking.Tests.Shared.Infra;

/// <summary>Values baked into the assembly at build time (see the csproj), with runtime fallbacks.</summary>
internal static class BuildMetadata
{
    public static string? Get(string key) =>
        typeof(BuildMetadata).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(attribute => attribute.Key == key)?.Value is { Length: > 0 } value
            ? value
            : null;
}
