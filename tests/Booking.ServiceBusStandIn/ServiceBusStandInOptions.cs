using System.Security.Cryptography.X509Certificates;
using Booking.ServiceBusStandIn.Configuration;
using Booking.ServiceBusStandIn.Security;

namespace Booking.ServiceBusStandIn;

/// <summary>How to start a <see cref="ServiceBusStandIn"/>.</summary>
public sealed class ServiceBusStandInOptions
{
    /// <summary>The official emulator's well-known key name and key, so its connection strings work here too.</summary>
    public const string DefaultKeyName = "RootManageSharedAccessKey";

    public const string DefaultKey = "SAS_KEY_VALUE";

    public required NamespaceDefinition Entities { get; init; }

    /// <summary>The loopback address to listen on.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>0 picks a free port; read it from <see cref="ServiceBusStandIn.Port"/>.</summary>
    public int Port { get; init; }

    public string SharedAccessKeyName { get; init; } = DefaultKeyName;

    public string SharedAccessKey { get; init; } = DefaultKey;

    /// <summary>
    /// When set, the stand-in speaks TLS with this server certificate (it needs its private key), as Service Bus
    /// does on 5671; clients built with a TokenCredential only connect over TLS.
    /// </summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Decides on "jwt" tokens put on $cbs. Without one, every JWT is refused (401).</summary>
    public JwtTokenValidator? ValidateJwt { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How often locks, expiries and scheduled messages are checked.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    public static ServiceBusStandInOptions FromConfigFile(string path, int port = 0) =>
        new() { Entities = EmulatorConfig.Load(path), Port = port };
}
