using Childctl.Core.Errors;
using YamlDotNet.RepresentationModel;
using static Childctl.Core.Operations.Kubeconfig.KubeconfigMerger;

namespace Childctl.Core.Operations.Kubeconfig;

/// <summary>What a merge changed: where the context went, whether it replaced one, every file written, and whether it became current.</summary>
public sealed record MergeResult(string ContextFile, bool ContextReplaced, IReadOnlyList<string> FilesWritten, bool MadeCurrent);

/// <summary>What <c>--forget</c> removed: each (file, list, name) that a merge had added; nothing else is touched.</summary>
public sealed record ForgetResult(IReadOnlyList<(string File, string List, string Name)> Removed, bool WasCurrent);

/// <summary>
/// Merging a child cluster into the user's kubeconfig files and forgetting it again: the file rules and locking of <see cref="KubeconfigFiles"/>, the YAML of <see cref="KubeconfigMerger"/>.
/// An entry of the same name that a merge did not add is the user's own: replaced only with --force.
/// </summary>
internal static class MergedKubeconfigs
{
    public static Task<MergeResult> MergeAsync(KubeconfigFiles files, string childText, string name, Origin origin, bool use, bool force, CancellationToken cancellationToken) =>
        files.WithLockAsync(async () =>
        {
            var trees = await files.ReadAsync(cancellationToken);
            var changed = new HashSet<string>(StringComparer.Ordinal);
            var replaced = false;
            string? contextFile = null;
            foreach (var (list, entryName, key, body) in Entries(childText, name, origin))
            {
                var file = files.Paths.FirstOrDefault(p => Find(trees[p], list, entryName) is not null) ?? files.DefaultFile;
                if (Find(trees[file], list, entryName) is { } existing && !IsMerged(existing, key) && !force)
                {
                    throw ChildctlException.InvalidInput($"kubeconfig {file} already has a {key} \"{entryName}\" that childctl did not add: " +
                        "pass --force to replace it, or rename it first (kubectl config rename-context)");
                }

                replaced |= list == "contexts" && Find(trees[file], list, entryName) is not null;
                contextFile = list == "contexts" ? file : contextFile;
                Upsert(trees[file] ??= NewConfig(), list, entryName, key, body);
                changed.Add(file);
            }

            if (use)
            {
                var file = files.Paths.FirstOrDefault(p => CurrentContext(trees[p]) is not null) ?? files.DefaultFile;
                SetCurrentContext(trees[file] ??= NewConfig(), name);
                changed.Add(file);
            }

            await WriteAsync(trees, changed, cancellationToken);
            return new MergeResult(contextFile!, replaced, [.. files.Paths.Where(changed.Contains)], use);
        }, cancellationToken);

    public static Task<ForgetResult> ForgetAsync(KubeconfigFiles files, string name, CancellationToken cancellationToken) =>
        files.WithLockAsync(async () =>
        {
            var trees = await files.ReadAsync(cancellationToken);
            var removed = new List<(string, string, string)>();
            var current = files.Paths.Select(p => CurrentContext(trees[p])).FirstOrDefault(c => c is not null);
            foreach (var (list, entryName, key) in new[] { ("contexts", name, "context"), ("clusters", name, "cluster"), ("users", name + "-admin", "user") })
            {
                var file = files.Paths.FirstOrDefault(p => Find(trees[p], list, entryName) is not null);
                if (file is not null && RemoveMerged(trees[file]!, list, entryName, key))
                {
                    removed.Add((file, list, entryName));
                }
            }

            await WriteAsync(trees, removed.Select(r => r.Item1).ToHashSet(StringComparer.Ordinal), cancellationToken);
            return new ForgetResult(removed, current == name && removed.Any(r => r.Item2 == "contexts"));
        }, cancellationToken);

    private static async Task WriteAsync(Dictionary<string, YamlMappingNode?> trees, IReadOnlySet<string> changed, CancellationToken cancellationToken)
    {
        foreach (var file in changed)
        {
            await PrivateFile.WriteAsync(file, Save(trees[file]!), overwrite: true, cancellationToken);
        }
    }
}
