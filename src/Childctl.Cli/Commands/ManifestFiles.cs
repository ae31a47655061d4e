using Childctl.Core.Errors;
using Childctl.Core.Operations.Create;

namespace Childctl.Cli.Commands;

/// <summary>
/// The objects <c>create -f PATH</c> names, as kubectl reads <c>-f</c>: a file (every document of it, the items of a
/// <c>kind: List</c>), <c>-</c> for stdin, or a directory: its <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> files in
/// ordinal order of their paths, subdirectories only with <c>-R</c>.
/// </summary>
internal static class ManifestFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static async Task<IReadOnlyList<(System.Text.Json.Nodes.JsonObject Manifest, string Source)>> ReadAsync(
        Invocation inv, string path, bool recursive, CancellationToken ct)
    {
        var files = path != "-" && Directory.Exists(path) ? InDirectory(path, recursive) : [path];
        var manifests = new List<(System.Text.Json.Nodes.JsonObject, string)>();
        foreach (var file in files)
        {
            var source = file == "-" ? "stdin" : file;
            manifests.AddRange(ManifestReader.ReadAll(await CreateCommand.ReadAsync(inv, file, "a ClusterDeployment manifest (YAML or JSON)", ct), source));
        }

        return manifests;
    }

    private static List<string> InDirectory(string directory, bool recursive)
    {
        var files = Directory.EnumerateFiles(directory, "*", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        return files.Count > 0
            ? files
            : throw ChildctlException.InvalidInput($"-f {directory} holds no .yaml, .yml or .json files{(recursive ? string.Empty : " (-R reads its subdirectories too)")}");
    }
}
