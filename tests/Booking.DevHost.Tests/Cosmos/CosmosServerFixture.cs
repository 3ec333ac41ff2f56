using Booking.Tests.Shared;

namespace Booking.DevHost.Tests.Cosmos;

/// <summary>One Cosmos endpoint for the DevHost-on-Cosmos tests; each test gets a database of its own.</summary>
public sealed class CosmosServerFixture : IAsyncLifetime
{
    private LocalCosmosServer? _compatLayer;

    public LocalCosmosServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await LocalCosmosServer.StartAsync();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_compatLayer is not null)
        {
            await _compatLayer.DisposeAsync();
        }
    }

    /// <summary>
    /// A server with the compatibility layer's controls (throttling): <see cref="Server"/> when the tests started it, else
    /// one started for the tests that need them. Tests of this collection run one at a time: no lock.
    /// </summary>
    public async Task<LocalCosmosServer> CompatLayerAsync() =>
        Server.Control is not null ? Server : _compatLayer ??= await LocalCosmosServer.StartCompatLayerAsync();

    /// <summary>The DevHost arguments that put it on Cosmos, in <paramref name="database"/> (of <paramref name="server"/>, by default <see cref="Server"/>).</summary>
    public string[] HostArgs(string database, LocalCosmosServer? server = null) =>
    [
        "--Storage:Provider=Cosmos",
        $"--Cosmos:Endpoint={(server ?? Server).Endpoint}",
        $"--Cosmos:Key={(server ?? Server).Key}",
        $"--Cosmos:DatabaseName={database}",
        "--Cosmos:AcceptAnyServerCertificate=true",
        "--Cosmos:CreateIfNotExists=true",
    ];

    public static string NewDatabaseName() => "e2e-" + Guid.NewGuid().ToString("N")[..12];
}

[CollectionDefinition(Name)]
public sealed class CosmosHostCollection : ICollectionFixture<CosmosServerFixture>
{
    public const string Name = "devhost-on-cosmos";
}
