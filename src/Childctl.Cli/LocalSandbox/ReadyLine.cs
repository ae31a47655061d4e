namespace Childctl.Cli.LocalSandbox;

/// <summary>The one line the sandbox prints when it listens: <c>ready &lt;base-uri&gt; kubeconfig=&lt;file&gt;</c>.</summary>
internal sealed record ReadyLine(Uri BaseUri, string KubeconfigPath)
{
    public static ReadyLine? TryParse(string? line)
    {
        if (line is null || !line.StartsWith("ready ", StringComparison.Ordinal))
        {
            return null;
        }

        var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || !parts[2].StartsWith("kubeconfig=", StringComparison.Ordinal)
            || !Uri.TryCreate(parts[1], UriKind.Absolute, out var uri))
        {
            return null;
        }

        return new ReadyLine(uri, parts[2]["kubeconfig=".Length..]);
    }
}
