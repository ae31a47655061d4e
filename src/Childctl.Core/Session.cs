using Childctl.Core.Api;
using Childctl.Core.Errors;
using Childctl.Core.History;
using Childctl.History.Store;
using Childctl.History.Team;
using Childctl.Kubernetes;
using Childctl.Kubernetes.Transport;
using Childctl.Kubernetes.Watching;

namespace Childctl.Core;

/// <summary>
/// Where one invocation runs, as the global options say: which kubeconfig, context and namespace, the history folder,
/// who runs it and with which command line, and the clock.
/// </summary>
public sealed record SessionOptions
{
    public string? KubeconfigPath { get; init; }

    public string? ContextName { get; init; }

    /// <summary>-n, or null to use the context's namespace (else kcm-system).</summary>
    public string? ExplicitNamespace { get; init; }

    public bool AllNamespaces { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public required string HistoryDirectory { get; init; }

    /// <summary>The OS user recorded in history.</summary>
    public string User { get; init; } = System.Environment.UserName;

    /// <summary>The command line as recorded in history.</summary>
    public string CommandLine { get; init; } = "childctl";

    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Cancelled when the user gives up waiting for a write in flight (a second Ctrl-C): the write is abandoned and
    /// recorded as unknown. The command's own token (the first Ctrl-C) never cancels a write or a record.
    /// </summary>
    public CancellationToken Abandon { get; init; }

    /// <summary>Told one line per retried API request; <c>-v</c> prints them.</summary>
    public Action<string>? OnRetry { get; init; }

    /// <summary>Told the history store's warnings (a file it tightened to 0600, a mirror to the team store that failed), one line each.</summary>
    public Action<string>? OnHistoryWarning { get; init; }

    /// <summary>Keep to this machine's history: no team store read or written (<c>CHILDCTL_TEAM_HISTORY=off</c>, <c>history --local</c>).</summary>
    public bool LocalHistoryOnly { get; init; }

    /// <summary>The namespace of the team store: <c>CHILDCTL_TEAM_NAMESPACE</c>, else <see cref="TeamSeries.DefaultNamespace"/>.</summary>
    public string TeamNamespace => Environment("CHILDCTL_TEAM_NAMESPACE") is { Length: > 0 } ns ? ns : TeamSeries.DefaultNamespace;

    /// <summary>--as: act as this user, over the kubeconfig user's <c>as</c> (impersonation, as in kubectl).</summary>
    public string? ImpersonateUser { get; init; }

    /// <summary>--as-group (repeatable): replaces the kubeconfig user's <c>as-groups</c> when given.</summary>
    public IReadOnlyList<string> ImpersonateGroups { get; init; } = [];

    /// <summary>--as-uid: over the kubeconfig user's <c>as-uid</c>.</summary>
    public string? ImpersonateUid { get; init; }

    /// <summary>The flags as an impersonation to lay over the kubeconfig's; null when none was given.</summary>
    internal Impersonation? ImpersonationFlags =>
        string.IsNullOrEmpty(ImpersonateUser) && ImpersonateGroups.Count == 0 && string.IsNullOrEmpty(ImpersonateUid)
            ? null
            : Impersonation.None with { User = ImpersonateUser, Groups = ImpersonateGroups, Uid = ImpersonateUid };

    /// <summary>Told warnings about the connection (insecure-skip-tls-verify), one line each.</summary>
    public Action<string>? OnConnectionWarning { get; init; }
}

/// <summary>
/// One invocation's way to everything outside Core: the management cluster (resolved from the kubeconfig only when
/// first asked, connected only when an API call is first made), the local history, the operation and its recorder, and
/// the clock. Every service takes one; tests build one with an in-memory history or a fake clock. Nothing is read,
/// resolved or connected before a service asks, so a service's local checks always come first.
/// </summary>
public sealed class Session : IDisposable
{
    private readonly Lazy<ManagementCluster> _cluster;
    private readonly Lazy<ManagementApi> _api;
    private readonly Lazy<LocalHistory> _history;
    private readonly ApiOptions _apiOptions;
    private readonly WatchOptions? _watchOptions;
    private HistoryRecorder? _recorder;

    /// <param name="store">The history store; by default the files under <see cref="SessionOptions.HistoryDirectory"/>.</param>
    /// <param name="api">How to talk to the API (retries, page size); its clock and request timeout come from the options.</param>
    public Session(SessionOptions options, IHistoryStore? store = null, ApiOptions? api = null, WatchOptions? watch = null)
    {
        Options = options ?? throw new ArgumentNullException(nameof(options));
        _apiOptions = (api ?? new ApiOptions()) with
        {
            RequestTimeout = options.RequestTimeout,
            Time = options.Time,
            Environment = options.Environment,
            OnWarning = options.OnConnectionWarning,
            OnRetry = (api ?? new ApiOptions()).OnRetry ?? options.OnRetry,
        };
        _watchOptions = watch;
        _cluster = new Lazy<ManagementCluster>(() =>
            ManagementApi.Resolve(options.KubeconfigPath, options.ContextName, options.ExplicitNamespace, options.Environment, options.ImpersonationFlags));
        _api = new Lazy<ManagementApi>(() => new ManagementApi(Cluster, _apiOptions, _watchOptions));
        _history = new Lazy<LocalHistory>(() =>
        {
            var local = store ?? new FileHistoryStore(options.HistoryDirectory, options.Time) { OnWarning = options.OnHistoryWarning };
            if (local is not FileHistoryStore files || options.LocalHistoryOnly)
            {
                return new LocalHistory(local);
            }

            // The team store of these files, built on first use: by an append that mirrors, or a read that merges.
            var team = new Lazy<TeamHistory>(() => new TeamHistory(this, files));
            return new LocalHistory(local, () => team.Value, new AppendHooks(this, files, () => team.Value));
        });
    }

    public SessionOptions Options { get; }

    public TimeProvider Time => Options.Time;

    /// <summary>The management cluster the kubeconfig names; reading it never contacts the API.</summary>
    public ManagementCluster Cluster => _cluster.Value;

    /// <summary>The kubeconfig's cluster name, or null when no usable kubeconfig names one (then there is no team store to use).</summary>
    internal string? ClusterNameIfUsable
    {
        get
        {
            try
            {
                return Cluster.ClusterName;
            }
            catch (ChildctlException)
            {
                return null;
            }
        }
    }

    /// <summary>The API of <see cref="Cluster"/>; the first call connects.</summary>
    internal ManagementApi Api => _api.Value;

    /// <summary>The namespace a list reads: -n or the context's, or null for all namespaces (-A).</summary>
    public string? Scope => Options.AllNamespaces ? null : Cluster.DefaultNamespace;

    internal LocalHistory History => _history.Value;

    /// <summary>The one namespace a command about one cluster works in; with -A it is bad usage.</summary>
    public string OneNamespace(string command) => Options.AllNamespaces
        ? throw ChildctlException.InvalidInput($"{command} works on one cluster in one namespace: use -n NAMESPACE instead of -A")
        : Cluster.DefaultNamespace;

    /// <summary>
    /// The management cluster for a command that works offline and needs the kubeconfig only to file history: a kubeconfig
    /// that cannot be used says why the command needs it; for a <paramref name="command"/> about one cluster, -A is bad usage.
    /// </summary>
    public ManagementCluster ClusterFor(string why, string? command = null)
    {
        if (command is not null && Options.AllNamespaces)
        {
            throw ChildctlException.InvalidInput($"{command} works on one cluster in one namespace: use -n NAMESPACE instead of -A");
        }

        try
        {
            return Cluster;
        }
        catch (ChildctlException e) when (e.Kind == ErrorKind.InvalidInput)
        {
            throw ChildctlException.InvalidInput($"{why}: {e.Message}");
        }
    }

    /// <summary>
    /// The recorder of this invocation's operation (one id for all its events), started on first use with the reason
    /// given; the Kubernetes user the server reports is asked for only when the first event is written.
    /// </summary>
    internal HistoryRecorder Recorder(string? reason = null) =>
        _recorder ??= new HistoryRecorder(History, Cluster, OperationContext.Start(Time, Options.User, Options.CommandLine, reason), Time, ct => Api.WhoAmIAsync(ct));

    public void Dispose()
    {
        if (_api.IsValueCreated)
        {
            _api.Value.Dispose();
        }
    }
}
