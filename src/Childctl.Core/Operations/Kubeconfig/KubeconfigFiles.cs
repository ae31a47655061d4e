using Childctl.Core.Errors;
using YamlDotNet.RepresentationModel;

namespace Childctl.Core.Operations.Kubeconfig;

/// <summary>
/// The kubeconfig files a merge may change, chosen and locked as client-go's <c>ModifyConfig</c> does (what
/// <c>kubectl config set-context</c> runs): the list is <c>--merge PATH</c>, else <c>--kubeconfig</c>, else every file of
/// <c>$KUBECONFIG</c>, else <c>~/.kube/config</c>. An entry is changed in the first file that defines it; a new one goes
/// to the default file (the explicit one, else the first existing file of the list, else its last); current-context goes
/// to the first file that has one, else the default file. Every file of the list is locked while it is read and
/// written, with client-go's convention: <c>&lt;file&gt;.lock</c> created exclusively, removed after.
/// </summary>
internal sealed class KubeconfigFiles
{
    private static readonly TimeSpan LockPatience = TimeSpan.FromSeconds(5);

    private KubeconfigFiles(IReadOnlyList<string> paths, bool isExplicit)
    {
        Paths = paths;
        IsExplicit = isExplicit;
    }

    /// <summary>The files, in precedence order (first wins), as full paths.</summary>
    public IReadOnlyList<string> Paths { get; }

    public bool IsExplicit { get; }

    /// <summary>The list: <paramref name="mergePath"/>, else --kubeconfig, else $KUBECONFIG's files, else ~/.kube/config.</summary>
    public static KubeconfigFiles For(string? mergePath, string? kubeconfigFlag, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if ((string.IsNullOrEmpty(mergePath) ? kubeconfigFlag : mergePath) is { Length: > 0 } single)
        {
            return new KubeconfigFiles([Path.GetFullPath(single)], isExplicit: true);
        }

        var list = environment("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Path.GetFullPath(p)).Distinct(StringComparer.Ordinal).ToList();
        if (list is { Count: > 0 })
        {
            return new KubeconfigFiles(list, isExplicit: false);
        }

        var home = environment("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new KubeconfigFiles([Path.Combine(home, ".kube", "config")], isExplicit: false);
    }

    /// <summary>Where new entries go: the only or explicit file, else the first that exists, else the last (client-go's GetDefaultFilename).</summary>
    public string DefaultFile => IsExplicit || Paths.Count == 1 ? Paths[0] : Paths.FirstOrDefault(File.Exists) ?? Paths[^1];

    /// <summary>Each file's YAML tree (null for a file that does not exist yet), without locking: for reading only.</summary>
    public async Task<Dictionary<string, YamlMappingNode?>> ReadAsync(CancellationToken cancellationToken)
    {
        var trees = new Dictionary<string, YamlMappingNode?>(StringComparer.Ordinal);
        foreach (var path in Paths)
        {
            PrivateFile.RefuseFolder(path);
            trees[path] = File.Exists(path) && await File.ReadAllTextAsync(path, cancellationToken) is { } text && !string.IsNullOrWhiteSpace(text)
                ? KubeconfigMerger.Load(text, $"kubeconfig {path}")
                : null;
        }

        return trees;
    }

    /// <summary>Runs <paramref name="edit"/> with every file of the list locked (in sorted order, as client-go, so two editors cannot deadlock).</summary>
    public async Task<T> WithLockAsync<T>(Func<Task<T>> edit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var held = new List<string>();
        try
        {
            foreach (var path in Paths.Order(StringComparer.Ordinal))
            {
                await LockAsync(path, cancellationToken);
                held.Add(path + ".lock");
            }

            return await edit();
        }
        finally
        {
            foreach (var lockFile in held)
            {
                File.Delete(lockFile);
            }
        }
    }

    private static async Task LockAsync(string path, CancellationToken cancellationToken)
    {
        PrivateFile.RefuseFolder(path);
        PrivateFile.CreateFolder(Path.GetDirectoryName(path)!);
        var lockFile = path + ".lock";
        var giveUp = DateTime.UtcNow + LockPatience;
        while (true)
        {
            try
            {
                await using (new FileStream(lockFile, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write }))
                {
                    return;
                }
            }
            catch (IOException) when (File.Exists(lockFile))
            {
                if (DateTime.UtcNow > giveUp)
                {
                    throw ChildctlException.InvalidInput(
                        $"kubeconfig {path} is locked ({lockFile} exists): another kubectl or childctl is changing it; " +
                        "try again, or remove the lock file if no such command is running");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }
}
