using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Childctl.Core.Operations.Watch;

namespace Childctl.Cli.Output;

/// <summary>
/// How <c>childctl watch</c> prints: on a terminal, kubectl-style rows under one header (a row per phase change);
/// otherwise one self-contained line per phase change (time, namespace/name, phase, reason); with <c>-o json</c>,
/// every watch event as one JSON object per line (<c>{"type":"MODIFIED","object":{...}}</c>).
/// </summary>
internal sealed class WatchView(Invocation inv) : IWatchObserver
{
    private readonly TextWriter _output = inv.Out;
    private readonly OutputFormat _format = inv.Output;
    private readonly bool _terminal = inv.Host.StdoutIsTerminal;
    private static readonly System.Text.CompositeFormat RowFormat = System.Text.CompositeFormat.Parse("{0,-16} {1,-28} {2,-13} {3}");
    private bool _headerWritten;

    public void OnAbsent(string ns, string name) =>
        // Watching a name before it is created is legitimate (e.g. from another terminal); a typo should still be visible.
        inv.Err.WriteLine($"{ns}/{name} does not exist (yet); watching for it to appear, Ctrl-C to stop");

    public void OnChange(ClusterChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.IsSynced || change.Cluster is not { } cluster)
        {
            return;
        }

        if (_format == OutputFormat.Json)
        {
            _output.WriteLine(EventJson(change));
        }
        else if (change.PhaseChanged)
        {
            var phase = change.IsDeleted ? "Gone" : change.Verdict!.Phase.ToString();
            var reason = change.IsDeleted ? "deleted from the management cluster" : change.Verdict!.Reason;
            if (_terminal)
            {
                if (!_headerWritten)
                {
                    _output.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, RowFormat, "NAMESPACE", "NAME", "PHASE", "MESSAGE"));
                    _headerWritten = true;
                }

                _output.WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, RowFormat, cluster.Namespace, cluster.Name, phase, reason).TrimEnd());
            }
            else
            {
                _output.WriteLine($"{change.SeenAt.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} {cluster.Namespace}/{cluster.Name} {phase} {reason}");
            }
        }

        _output.Flush();
    }

    private static string EventJson(ClusterChange change)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", change.EventType);
            writer.WritePropertyName("object");
            JsonOutput.WriteObject(writer, change.Cluster!.Raw);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
