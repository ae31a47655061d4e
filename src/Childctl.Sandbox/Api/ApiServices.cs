using Childctl.Sandbox.Admission;
using Childctl.Sandbox.Api.Auth;
using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Faults;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api;

/// <summary>What every handler shares: the store, the served kinds, time, faults, tokens and the server's lifetime.</summary>
internal sealed class ApiServices(ObjectStore store, ResourceRegistry registry, SandboxFaults faults, TokenAuthenticator tokens, TimeProvider time, TimeSpan bookmarkInterval) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public ObjectStore Store { get; } = store;

    public ResourceRegistry Registry { get; } = registry;

    public SandboxFaults Faults { get; } = faults;

    public TokenAuthenticator Tokens { get; } = tokens;

    public TimeProvider Time { get; } = time;

    public TimeSpan BookmarkInterval { get; } = bookmarkInterval;

    /// <summary>The validating admission webhooks registered by the simulated k0rdent, called after <see cref="Admission.AdmissionChain"/>.</summary>
    public ValidatingWebhooks Webhooks { get; } = new();

    /// <summary>Cancelled when the server stops, so open watches end at once instead of holding shutdown up.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public void Stop() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();
}
