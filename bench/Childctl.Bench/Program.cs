using BenchmarkDotNet.Running;
using Childctl.Bench;

// Modes: generate <dir> [clusters] [eventsPerCluster] | latency <dir> [count] | scan <dir> | bdn [BenchmarkDotNet args]
return args.FirstOrDefault() switch
{
    "generate" => HistoryGenerator.Run(args[1..]),
    "latency" => await AppendLatency.RunAsync(args[1..]),
    "scan" => await TimelineScan.RunAsync(args[1..]),
    "bdn" => RunBenchmarkDotNet(args[1..]),
    _ => Usage(),
};

static int RunBenchmarkDotNet(string[] rest)
{
    BenchmarkSwitcher.FromAssembly(typeof(HistoryGenerator).Assembly).Run(rest);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: generate <dir> [clusters] [events-per-cluster] | latency <dir> [count] | scan <dir> | bdn [args]");
    return 2;
}
