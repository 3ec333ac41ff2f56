using Booking.DevHost;

var app = DevHostApp.Build(args);
await DevHostApp.PrepareAsync(app);
await app.RunAsync();

/// <summary>Entry point, visible to the end-to-end tests.</summary>
public partial class Program;
