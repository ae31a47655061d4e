using Childctl.Core.ClusterDeployments;

namespace Childctl.Core.Operations.Wait;

/// <summary>Conditions in the order k0rdent's pipeline sets them (<see cref="ConditionTypes.PipelineOrder"/>), Ready last.</summary>
public static class ConditionOrder
{
    public static IReadOnlyList<Condition> Sort(IEnumerable<Condition> conditions) =>
        conditions.OrderBy(c => Rank(c.Type)).ToList();

    private static int Rank(string type)
    {
        if (type == ConditionTypes.Ready)
        {
            return int.MaxValue;
        }

        for (var i = 0; i < ConditionTypes.PipelineOrder.Count; i++)
        {
            if (ConditionTypes.PipelineOrder[i] == type)
            {
                return i;
            }
        }

        return ConditionTypes.PipelineOrder.Count;
    }
}
