using System.Buffers;
using System.CommandLine;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json;
using Childctl.Cli.Output;
using Childctl.Core.Operations.Version;

namespace Childctl.Cli.Commands;

/// <summary>
/// <c>childctl version</c>: this build's version and, as <c>kubectl version</c> does, the server's, plus the k0rdent
/// release installed on the management cluster. <c>--client</c> contacts nothing; an unreachable server is a warning.
/// </summary>
internal static class VersionCommand
{
    public static Command Create(CliRun run)
    {
        var clientOnly = new Option<bool>("--client") { Description = "Only this build's version; contact no server" };
        var command = new Command("version", "Print the childctl version, the API server's and the k0rdent release on the management cluster")
        {
            clientOnly,
        }.Prints(OutputFormat.Json, OutputFormat.Yaml);
        Invocation.Bind(command, run, async (inv, ct) =>
        {
            var server = inv.Get(clientOnly) ? null : await new VersionService(inv.Session).ReadAsync(ct);
            if (server?.Problem is { } problem)
            {
                await inv.Err.WriteLineAsync($"warning: showing the client version only: {problem}");
            }

            var text = inv.Output is OutputFormat.Json or OutputFormat.Yaml ? Document(server, inv.Output) : Lines(server);
            await inv.Out.WriteAsync(text.AsMemory(), ct);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Lines(ServerVersions? server)
    {
        var lines = $"Client Version: {ClientBuild.GitVersion}\n";
        if (server?.Server is { } version && version.TryGetProperty("gitVersion", out var git))
        {
            lines += $"Server Version: {git.GetString()}\n";
        }

        if (server?.K0rdent is { } k0rdent)
        {
            lines += k0rdent.Version is { } v ? $"k0rdent Version: {v} (Release {k0rdent.Release})\n" : $"k0rdent Version: unknown ({k0rdent.Problem})\n";
        }

        return lines;
    }

    /// <summary>kubectl's shape: clientVersion, serverVersion as served, then k0rdentVersion (ours).</summary>
    private static string Document(ServerVersions? server, OutputFormat format)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartObject("clientVersion");
            w.WriteString("major", ClientBuild.Major);
            w.WriteString("minor", ClientBuild.Minor);
            w.WriteString("gitVersion", ClientBuild.GitVersion);
            w.WriteString("gitCommit", ClientBuild.Metadata("GitCommit"));
            w.WriteString("gitTreeState", ClientBuild.Metadata("GitTreeState"));
            w.WriteString("buildDate", ClientBuild.Metadata("CommitDate"));
            w.WriteString("dotnetVersion", RuntimeInformation.FrameworkDescription);
            w.WriteString("compiler", ClientBuild.Compiler);
            w.WriteString("platform", ClientBuild.Platform);
            w.WriteEndObject();
            if (server?.Server is { } version)
            {
                w.WritePropertyName("serverVersion");
                version.WriteTo(w);
            }

            if (server?.K0rdent is { } k0rdent)
            {
                w.WriteStartObject("k0rdentVersion");
                w.WriteString("management", VersionService.ManagementName);
                WriteIfSet(w, "release", k0rdent.Release);
                WriteIfSet(w, "version", k0rdent.Version);
                WriteIfSet(w, "problem", k0rdent.Problem);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return format == OutputFormat.Json ? JsonOutput.Object(doc.RootElement) : YamlWriter.Object(doc.RootElement);
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>What the build stamped into this assembly (Directory.Build.targets): version, commit, tree state, commit date.</summary>
    private static class ClientBuild
    {
        private static readonly Assembly Self = typeof(VersionCommand).Assembly;

        public static readonly string Version = Self.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0-dev";

        public static string GitVersion => "v" + Version;

        public static string Major => Version.Split('.')[0];

        public static string Minor => Version.Split('.') is { Length: > 1 } parts ? parts[1] : "0";

        /// <summary>Go's spelling, as kubectl prints it: linux/amd64, darwin/arm64.</summary>
        public static string Platform
        {
            get
            {
                var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "windows" : "unknown";
                var arch = RuntimeInformation.ProcessArchitecture switch
                {
                    Architecture.X64 => "amd64",
                    Architecture.Arm64 => "arm64",
                    var other => other.ToString().ToLowerInvariant(),
                };
                return $"{os}/{arch}";
            }
        }

        /// <summary>
        /// How this binary runs. Not <c>RuntimeFeature.IsDynamicCodeSupported</c>: PublishAot turns that off in the JIT
        /// build's runtimeconfig too. The .NET host (hostpolicy) tells a JIT-run app its deps files; NativeAOT has no host.
        /// </summary>
        public static string Compiler => AppContext.GetData("APP_CONTEXT_DEPS_FILES") is string ? "JIT" : "NativeAOT";

        public static string Metadata(string key) =>
            Self.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value ?? "unknown";
    }
}
