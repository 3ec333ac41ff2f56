namespace Booking.Infra.Tests;

/// <summary>All test classes share one compile of the Bicep (a few seconds of CLI runs).</summary>
[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<CompiledInfra>
{
    public const string Name = "Compiled infrastructure";
}
