using Childctl.History.Store;

namespace Childctl.History.Tests.Store;

public sealed class InMemoryHistoryStoreTests : HistoryStoreContract
{
    protected override IHistoryStore CreateStore() => new InMemoryHistoryStore();
}
