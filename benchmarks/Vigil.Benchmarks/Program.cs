using BenchmarkDotNet.Running;
using Vigil.Benchmarks;

// dotnet run -c Release --project benchmarks/Vigil.Benchmarks -- --filter '*'   (or one class: --filter '*Inference*')
BenchmarkSwitcher.FromAssembly(typeof(Fixtures).Assembly).Run(args, BenchmarkConfig.Create());
