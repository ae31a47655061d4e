namespace Childctl.Core.Operations.Delete;

/// <summary>Told, synchronously, about each delete's result and each cluster seen gone, so a CLI can show progress.</summary>
public interface IDeleteObserver
{
    void OnResult(DeleteItemResult result);

    void OnGone(DeletePlanItem item, int goneCount, int total);
}
