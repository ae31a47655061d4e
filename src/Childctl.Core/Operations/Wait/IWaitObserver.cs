namespace Childctl.Core.Operations.Wait;

/// <summary>
/// Told about every change a wait sees, synchronously and in order (unlike <see cref="IProgress{T}"/>), so a CLI can
/// draw a checklist. Implementations must not block.
/// </summary>
public interface IWaitObserver
{
    void OnUpdate(WaitSnapshot snapshot);
}
