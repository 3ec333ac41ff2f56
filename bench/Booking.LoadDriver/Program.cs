using Booking.LoadDriver;

// bench/run.sh's helper: seeds the DevHost through its HTTP API, drives the bulk of the 100,000 bookings and
// turns wrk's per-scenario JSON into the results file and table. Loopback only.
return args.FirstOrDefault() switch
{
    "seed" => await Seeder.RunAsync(Options.Parse(args[1..])),
    "book" => await BulkBooker.RunAsync(Options.Parse(args[1..])),
    "report" => Report.Run(Options.Parse(args[1..])),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: Booking.LoadDriver seed   --base URL --out DIR [--practitioners 1000] [--city Saint-Étienne] [--patients 1000] [--warm-bookings 10000] [--wrk-bookings 40000] [--fill-bookings 100000]
               Booking.LoadDriver book   --base URL --in FILE --tokens FILE --target N [--concurrency 32]
               Booking.LoadDriver report --dir DIR --out FILE.json
        """);
    return 2;
}
