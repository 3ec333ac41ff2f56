using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;

namespace Booking.ProductionShape.Tests;

/// <summary>
/// A configuration source that holds nothing and records every key asked of it. Added last (highest priority), it is
/// asked first for every read — a value read, a section bound to options (each property), a setting looked up by a
/// trigger — whether or not any other source has the key.
/// </summary>
public sealed class ReadSettings : IConfigurationSource
{
    private readonly ConcurrentDictionary<string, byte> _keys = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every key read so far, as configuration keys (<c>Section:Key</c>).</summary>
    public IReadOnlyCollection<string> Keys => [.. _keys.Keys.Order(StringComparer.OrdinalIgnoreCase)];

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new Recorder(_keys);

    private sealed class Recorder(ConcurrentDictionary<string, byte> keys) : ConfigurationProvider
    {
        public override bool TryGet(string key, out string? value)
        {
            keys.TryAdd(key, 0);
            value = null;
            return false;
        }
    }
}
