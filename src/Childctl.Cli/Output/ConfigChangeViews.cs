using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using Childctl.Cli.Commands;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Change;
using Childctl.Core.Operations.Kubeconfig;
using Childctl.Core.Operations.Wait;

namespace Childctl.Cli.Output;

/// <summary><c>set config</c> and <c>edit</c>: the object's name and each value before → after, or that nothing changed.</summary>
internal sealed class ConfigChangeView(Invocation inv) : WaitView(inv), IChangeObserver<ConfigChangeResult>
{
    private readonly Invocation _inv = inv;

    public void OnChanged(ConfigChangeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = ObjectName.Of(result.Name);
        if (!result.Changed)
        {
            _inv.Out.WriteLine($"{name} unchanged (the spec already says so)");
            return;
        }

        _inv.Out.WriteLine($"{name} reconfigured");
        foreach (var change in result.Changes)
        {
            _inv.Out.WriteLine($"  {change.Key}: {change.Before ?? "<unset>"} → {change.After ?? "<unset>"}");
        }
    }
}

/// <summary>
/// The editor of <c>edit</c>, as kubectl runs it: <c>$KUBE_EDITOR</c>, else <c>$EDITOR</c>, else <c>vi</c>, through
/// <c>sh -c</c> so an editor with arguments (<c>code --wait</c>) works, on a 0600 file in a private temporary folder that
/// is removed afterwards. The document is written as <c>-o yaml</c> writes objects, under a comment saying what to do;
/// after a refusal the text saved is shown again with the reason on top.
/// </summary>
internal sealed class EditorView(Invocation inv) : IEditInteraction
{
    public async Task<string> EditAsync(JsonObject document, string? refusedText, string? problem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var editor = Environment("KUBE_EDITOR") ?? Environment("EDITOR") ?? "vi";
        var folder = Directory.CreateTempSubdirectory("childctl-edit-");
        try
        {
            var file = Path.Combine(folder.FullName, $"{document["metadata"]?["name"]}.yaml");
            await PrivateFile.WriteAsync(file, Text(document, refusedText, problem), overwrite: true, cancellationToken);
            await RunAsync(editor, file, cancellationToken);
            return await File.ReadAllTextAsync(file, cancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Text(JsonObject document, string? refusedText, string? problem)
    {
        var text = new StringBuilder();
        if (problem is not null)
        {
            text.Append("# childctl refused this edit:\n# ").Append(problem.Replace("\n", "\n# ", StringComparison.Ordinal)).Append("\n#\n");
        }

        text.Append($"# Edit the spec of ClusterDeployment {document["metadata"]?["namespace"]}/{document["metadata"]?["name"]}, then save and quit.\n")
            .Append("# childctl checks it as create does before anything is sent. Only spec can change here;\n")
            .Append("# an empty file, or this file saved unchanged, changes nothing.\n");
        var body = refusedText is null
            ? YamlWriter.Object(JsonDocument.Parse(document.ToJsonString()).RootElement)
            : string.Join('\n', refusedText.Split('\n').SkipWhile(l => l.StartsWith('#')));
        return text.Append(body).ToString();
    }

    private static async Task RunAsync(string editor, string file, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        foreach (var argument in new[] { "-c", editor + " \"$1\"", "sh", file })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new ChildctlException($"could not start the editor ({editor})");
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new ChildctlException($"the editor ({editor}) exited with code {process.ExitCode}: nothing changed");
            }
        }
        catch (Win32Exception e)
        {
            throw new ChildctlException($"could not start the editor ({editor}): {e.Message}; set KUBE_EDITOR or EDITOR");
        }
    }

    private string? Environment(string name) => inv.Host.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
