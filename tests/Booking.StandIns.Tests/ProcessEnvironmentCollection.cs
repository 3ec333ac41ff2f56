namespace Booking.StandIns.Tests;

/// <summary>Tests that set process-wide environment variables (IDENTITY_ENDPOINT, AZURE_CLIENT_ID): never in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "process environment";
}
