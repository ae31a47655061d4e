using Childctl.History.Legacy;
using Childctl.History.Store;

namespace Childctl.Core.Operations;

/// <summary>Runs the legacy import (see <see cref="LegacyMigrator"/>) for the resolved management cluster.</summary>
public sealed class MigrationService
{
    private readonly IHistoryStore _store;
    private readonly TimeProvider _time;

    public MigrationService(IHistoryStore store, TimeProvider time)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    public Task<MigrationReport> MigrateAsync(MigrationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = new MigrationOptions(request.From, request.ManagementCluster.ClusterName, request.DefaultNamespace, request.DryRun, _time);
        return new LegacyMigrator(_store).MigrateAsync(options, cancellationToken);
    }
}
