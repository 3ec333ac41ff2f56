namespace Booking.ProductionShape.Tests;

/// <summary>
/// Every test shares one <see cref="ProductionStack"/>: the app's settings are this process's environment variables,
/// so nothing here runs in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProductionShapeCollection : ICollectionFixture<ProductionStack>
{
    public const string Name = "production shape";
}
