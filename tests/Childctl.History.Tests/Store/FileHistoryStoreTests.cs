using Childctl.History.Store;
using Childctl.Testing;

namespace Childctl.History.Tests.Store;

public sealed class FileHistoryStoreTests : HistoryStoreContract, IDisposable
{
    private readonly TempDirectory _dir = new("childctl-history");

    protected override IHistoryStore CreateStore() => new FileHistoryStore(_dir.Path);

    public void Dispose() => _dir.Dispose();
}
