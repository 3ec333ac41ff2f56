using Booking.Tests.Shared;

namespace Booking.DevHost.Tests.Cosmos;

/// <summary>One Cosmos endpoint for the DevHost-on-Cosmos tests; each test gets a database of its own.</summary>
public sealed class CosmosServerFixture : IAsyncLifetime
{
    public LocalCosmosServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await LocalCosmosServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The DevHost arguments that put it on Cosmos, in <paramref name="database"/>.</summary>
    public string[] HostArgs(string database) =>
    [
        "--Storage:Provider=Cosmos",
        $"--Cosmos:Endpoint={Server.Endpoint}",
        $"--Cosmos:Key={Server.Key}",
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
