namespace Booking.Web.Tests;

/// <summary>One browser at a time: each test drives its own Chromium, and two cores are shared with the build.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
