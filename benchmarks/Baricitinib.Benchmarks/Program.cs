using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Baricitinib.Benchmarks.DosingBenchmarks).Assembly).Run(args);
