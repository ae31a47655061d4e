using System.Globalization;

namespace Childctl.Sandbox.Hosting;

/// <summary>
/// The command line of the childctl-sandbox executable (a contract with <c>childctl sandbox up</c>):
/// <c>[--port P] [--kubeconfig-out FILE] [--read-only-kubeconfig-out FILE] [--speed X] [--clusters N] [--seed S] [--no-controller]</c>.
/// </summary>
internal sealed record SandboxArguments(SandboxOptions Options, string? KubeconfigOut, string? ReadOnlyKubeconfigOut)
{
    /// <summary>Parses; a bad argument throws <see cref="ArgumentException"/> with a one-line message.</summary>
    public static SandboxArguments Parse(IReadOnlyList<string> args)
    {
        int port = 0, clusters = 0, seed = 42;
        double speed = 1;
        var controller = true;
        string? kubeconfig = null, readOnly = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            switch (arg)
            {
                case "--port":
                    port = Int(arg, Value(), 0, 65535);
                    break;
                case "--clusters":
                    clusters = Int(arg, Value(), 0, 1_000_000);
                    break;
                case "--seed":
                    seed = Int(arg, Value(), int.MinValue, int.MaxValue);
                    break;
                case "--speed":
                    speed = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= SandboxOptions.MinSpeed && s <= SandboxOptions.MaxSpeed
                        ? s
                        : throw new ArgumentException($"--speed must be between {SandboxOptions.MinSpeed} and {SandboxOptions.MaxSpeed}");
                    break;
                case "--no-controller":
                    controller = false;
                    break;
                case "--kubeconfig-out":
                    kubeconfig = Value();
                    break;
                case "--read-only-kubeconfig-out":
                    readOnly = Value();
                    break;
                default:
                    throw new ArgumentException($"unknown argument {arg}");
            }
        }

        var options = new SandboxOptions { Port = port, Clusters = clusters, RandomSeed = seed, Speed = speed, EnableController = controller };
        return new SandboxArguments(options, kubeconfig, readOnly);
    }

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be an integer between {min} and {max}, not \"{value}\"");
}
