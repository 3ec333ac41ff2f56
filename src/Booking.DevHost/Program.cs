using Booking.DevHost;
using Booking.Infrastructure;
using Booking.Infrastructure.Embedded;

// Refusals are one line an operator can act on, not a stack trace.
WebApplication app;
try
{
    app = DevHostApp.Build(args);
    await DevHostApp.PrepareAsync(app);
}
catch (ProductionConfigurationException refused)
{
    Console.Error.WriteLine(refused.Message);
    return 2;
}
catch (DataDirectoryRefusedException refused)
{
    Console.Error.WriteLine(refused.Message);
    return 3;
}

DevHostApp.AnnounceWhenStarted(app, Console.Out);
await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the end-to-end tests.</summary>
public partial class Program;
