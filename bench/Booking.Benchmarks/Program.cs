using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Booking.Benchmarks.BenchWorld).Assembly).Run(args);
