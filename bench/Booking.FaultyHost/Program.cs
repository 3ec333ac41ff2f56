using Booking.DevHost;
using Booking.Faults;

// The DevHost, same flags and settings, with fault injection: Faults:Rate > 0 wraps the stores, the bus and the
// notification senders, and /dev/faults counts what was injected (docs/operations.md).
var app = DevHostApp.Build(args, builder => builder.AddFaultInjection(), web => web.MapFaultCounts());
await DevHostApp.PrepareAsync(app);
await app.RunAsync();
