using System.Text.Json;
using Childctl.Core.Api;
using Childctl.Core.Errors;
using Childctl.Kubernetes;

namespace Childctl.Core.Operations.Version;

/// <summary>
/// What <c>childctl version</c> shows of the management cluster: the API server's <c>/version</c> and the k0rdent
/// release that the Management object <c>kcm</c> says is installed (<c>status.release</c>, else <c>spec.release</c>),
/// with that Release's <c>spec.version</c>. Read live, three GETs; never a reason for the command to fail.
/// </summary>
public sealed class VersionService(Session session)
{
    /// <summary>The name of the one Management object of a k0rdent installation.</summary>
    public const string ManagementName = "kcm";

    /// <summary>How long the server may take to answer all of it before the client's version is shown alone.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    public async Task<ServerVersions> ReadAsync(CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(session.Options.RequestTimeout < Bound ? session.Options.RequestTimeout : Bound);
        try
        {
            var server = await session.Api.GetServerVersionAsync(bounded.Token);
            return new ServerVersions(server, await ReadK0rdentAsync(bounded.Token), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ServerVersions(null, null, $"the management cluster did not answer within {Bound.TotalSeconds:0} s");
        }
        catch (ChildctlException e)
        {
            return new ServerVersions(null, null, e.Message);
        }
    }

    /// <summary>Null when the cluster serves no Management <c>kcm</c> (not a k0rdent management cluster, or not ours to read).</summary>
    private async Task<K0rdentRelease?> ReadK0rdentAsync(CancellationToken cancellationToken)
    {
        JsonElement? management;
        try
        {
            management = await session.Api.TryGetClusterScopedAsync(K0rdentKinds.Management, ManagementName, cancellationToken);
        }
        catch (ChildctlException e) when (e.Kind is ErrorKind.PermissionDenied)
        {
            return new K0rdentRelease(null, null, "not allowed to read Management \"kcm\"");
        }

        if (management is not { } found)
        {
            return null;
        }

        var release = Text(found, "status", "release") ?? Text(found, "spec", "release");
        if (release is null)
        {
            return new K0rdentRelease(null, null, "Management \"kcm\" names no release");
        }

        var releaseObject = await session.Api.TryGetClusterScopedAsync(K0rdentKinds.Release, release, cancellationToken);
        var version = releaseObject is { } r ? Text(r, "spec", "version") : null;
        return new K0rdentRelease(release, version, version is null ? $"Release \"{release}\" not found" : null);
    }

    private static string? Text(JsonElement obj, string section, string field) =>
        JsonPath.Object(obj, section) is { } inner ? JsonPath.String(inner, field) : null;
}

/// <summary>What the management cluster said, or why it said nothing (<see cref="Problem"/>).</summary>
/// <param name="Server">The <c>/version</c> document as served.</param>
/// <param name="K0rdent">Null when the cluster has no k0rdent Management object.</param>
public sealed record ServerVersions(JsonElement? Server, K0rdentRelease? K0rdent, string? Problem);

/// <summary>The installed k0rdent release (e.g. <c>kcm-1-1-0</c>) and its version (1.1.0), or why one is unknown.</summary>
public sealed record K0rdentRelease(string? Release, string? Version, string? Problem);
