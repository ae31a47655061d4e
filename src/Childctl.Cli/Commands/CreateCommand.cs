using System.CommandLine;
using Childctl.Cli.Output;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Create;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl create azure|aws|gcp NAME ...</c> and <c>childctl create -f FILE|DIR</c>: one subcommand per cloud with the
/// flags of the old create-*-child.sh scripts (the location flags as <see cref="CloudProvider"/> lists them). Everything
/// is checked before anything is written; the output of one cluster is <see cref="CreateView"/>'s, several objects from
/// -f go through <see cref="CreateClustersService"/> (one plan, one confirmation; exit 8 when some failed).
/// </summary>
internal static class CreateCommand
{
    public static Command Create(CliRun run)
    {
        var file = new Option<string?>("--filename", "-f")
        {
            Description = "Create the ClusterDeployments in this YAML or JSON file (every document, a List's items; '-' for stdin), or in the .yaml, .yml and .json files of this directory",
        };
        var recursive = new Option<bool>("--recursive", "-R") { Description = "With -f DIRECTORY, read its subdirectories too" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation (creating more than one cluster asks on a terminal)" };
        var common = new CommonOptions();
        var command = common.AddTo(new Command("create", "Create a child cluster from flags (create azure|aws|gcp NAME) or from files (-f)") { file, recursive, yes });
        foreach (var provider in CloudProvider.All)
        {
            command.Subcommands.Add(ForCloud(run, provider));
        }

        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var path = inv.Get(file) ?? throw ChildctlException.InvalidInput("name a cloud (childctl create azure|aws|gcp NAME ...) or give a file with -f FILE");
            var manifests = await ManifestFiles.ReadAsync(inv, path, inv.Get(recursive), ct);
            if (manifests is [var (manifest, source)])
            {
                return await CreateAsync(inv, common.Read(inv) with { Manifest = manifest, Source = source }, ct);
            }

            var batch = new CreateBatchRequest(manifests, common.Read(inv)) { Yes = inv.Get(yes) };
            var summary = await new CreateClustersService(inv.Session).RunAsync(batch, new CreateBatchView(inv), ct);
            return summary.PartiallyFailed ? ExitCodes.PartialFailure : ExitCodes.Success;
        });
        return command;
    }

    private static Command ForCloud(CliRun run, CloudProvider provider)
    {
        var name = new Argument<string>("name") { Description = "The cluster's name (also its Helm release and cloud resource names)" };
        var common = new CommonOptions();
        var location = provider.Location.Select(l => (Flag: l, Option: new Option<string?>(l.Flag) { Description = $"{char.ToUpperInvariant(l.Hint[0])}{l.Hint[1..]} (required)" })).ToList();
        var cpSize = new Option<string?>("--cp-instance-size") { Description = $"Control plane machine size (default {provider.DefaultInstanceSize})" };
        var workerSize = new Option<string?>("--worker-instance-size") { Description = $"Worker machine size (default {provider.DefaultInstanceSize})" };
        var cpNumber = CommandOptions.Count("--cp-number", $"Control plane nodes (default {ProviderConfig.DefaultControlPlaneNumber})");
        var workerNumber = CommandOptions.Count("--worker-number", $"Worker nodes (default {ProviderConfig.DefaultWorkerNumber})");
        var rootVolume = CommandOptions.Count("--root-volume-size", "Root volume size in GB (default: the template's)");
        var labels = new Option<string?>("--cluster-labels") { Description = "Labels on the ClusterDeployment (k0rdent copies them to the cluster): k=v,k2=v2" };
        var annotations = new Option<string?>("--cluster-annotations") { Description = "Annotations on the ClusterDeployment: k=v,k2=v2" };
        var command = common.AddTo(new Command(provider.Name, $"Create a child cluster on {provider.Name} (a {provider.ChartFamily} template)") { name });
        foreach (var option in location.Select(l => (Option)l.Option).Concat([cpSize, workerSize, cpNumber, workerNumber, rootVolume, labels, annotations]))
        {
            command.Options.Add(option);
        }

        Invocation.Bind(command, run, (inv, ct) =>
        {
            var shape = new ClusterShape
            {
                Location = location.Where(l => inv.Get(l.Option) is not null).ToDictionary(l => l.Flag.Flag, l => inv.Get(l.Option)!, StringComparer.Ordinal),
                ControlPlaneInstanceSize = inv.Get(cpSize),
                WorkerInstanceSize = inv.Get(workerSize),
                ControlPlaneNumber = inv.Get(cpNumber),
                WorkerNumber = inv.Get(workerNumber),
                RootVolumeSize = inv.Get(rootVolume),
            };
            var request = common.Read(inv) with
            {
                Provider = provider,
                Name = inv.Get(name),
                Shape = shape,
                Labels = CommandOptions.KeyValues(inv.Get(labels), "--cluster-labels"),
                Annotations = CommandOptions.KeyValues(inv.Get(annotations), "--cluster-annotations"),
            };
            return CreateAsync(inv, request, ct);
        });
        return command;
    }

    private static async Task<int> CreateAsync(Invocation inv, CreateRequest request, CancellationToken ct)
    {
        await new CreateClusterService(inv.Session).CreateAsync(request, new CreateView(inv), ct);
        return ExitCodes.Success;
    }

    /// <summary>A manifest is a few KiB; anything past this is not one (or is /dev/zero), refused before it fills memory.</summary>
    private const int MaxManifestChars = 1024 * 1024;

    private static async Task<string> ReadUpToAsync(TextReader reader, CancellationToken ct)
    {
        var buffer = new char[MaxManifestChars + 1];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        return new string(buffer, 0, read);
    }

    private static string Bounded(string text, string source) => text.Length > MaxManifestChars
        ? throw ChildctlException.InvalidInput($"-f {source} is larger than {MaxManifestChars / 1024 / 1024} MiB: that is not a manifest or values file")
        : text;

    /// <summary>The text of <c>-f PATH</c> (<c>-</c>: stdin), <paramref name="what"/> saying what the file should be in messages.</summary>
    internal static async Task<string> ReadAsync(Invocation inv, string path, string what, CancellationToken ct)
    {
        try
        {
            if (path == "-")
            {
                return Bounded(await ReadUpToAsync(inv.Host.In, ct), "stdin");
            }

            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096, FileOptions.Asynchronous);
            if (!file.CanSeek)
            {
                throw ChildctlException.InvalidInput($"-f {path} is not a regular file: give the path of {what}, or - for stdin");
            }

            using var reader = new StreamReader(file);
            return Bounded(await ReadUpToAsync(reader, ct), path);
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            throw ChildctlException.InvalidInput($"-f {path} is a folder: give the path of {what}, or - for stdin");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw ChildctlException.InvalidInput($"-f {path}: no such file; give the path of {what}, or - for stdin");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ChildctlException.InvalidInput($"cannot read {path}: {e.Message}");
        }
    }

    /// <summary>The options of every create, built once per command so each subcommand owns its instances.</summary>
    private sealed class CommonOptions
    {
        private readonly Option<string?> _template = new("--template") { Description = "ClusterTemplate (default: the newest valid one for the cloud in the namespace)" };
        private readonly Option<string?> _credential = new("--credential") { Description = "Credential (default: the one ready Credential for the cloud)" };
        private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Print the manifest and run a server-side dry run (dryRun=All); create nothing" };
        private readonly Option<bool> _k0rdentDryRun = new("--k0rdent-dry-run") { Description = "Set spec.dryRun: k0rdent validates the cluster but deploys nothing" };
        private readonly Option<bool> _wait = CommandOptions.Wait("the cluster is Ready");
        private readonly Option<TimeSpan?> _timeout = CommandOptions.Timeout();
        private readonly Option<string?> _reason = CommandOptions.Reason();

        public Command AddTo(Command command)
        {
            foreach (var option in new Option[] { _template, _credential, _dryRun, _k0rdentDryRun, _wait, _timeout, _reason })
            {
                command.Options.Add(option);
            }

            return command.Prints(OutputOption.Objects);
        }

        public CreateRequest Read(Invocation inv) => new()
        {
            Template = inv.Get(_template),
            Credential = inv.Get(_credential),
            ServerDryRun = inv.Get(_dryRun),
            K0rdentDryRun = inv.Get(_k0rdentDryRun),
            Wait = inv.WaitFor(_wait, _timeout),
            Reason = inv.Get(_reason),
        };
    }
}
