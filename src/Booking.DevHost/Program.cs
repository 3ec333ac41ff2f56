using Booking.DevHost;
using Booking.Infrastructure;

WebApplication app;
try
{
    app = DevHostApp.Build(args);
}
catch (ProductionConfigurationException refused)
{
    // One line an operator can act on, not a stack trace.
    Console.Error.WriteLine(refused.Message);
    return 2;
}

await DevHostApp.PrepareAsync(app);
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the end-to-end tests.</summary>
public partial class Program;
