using System.Globalization;

namespace Childctl.Sandbox.Api.Selectors;

/// <summary>One term of a label selector.</summary>
internal sealed record LabelRequirement(string Key, LabelOperator Operator, IReadOnlyList<string> Values)
{
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        return Operator switch
        {
            LabelOperator.Exists => has,
            LabelOperator.DoesNotExist => !has,
            LabelOperator.Equals or LabelOperator.In => has && Values.Contains(value!),
            LabelOperator.NotEquals or LabelOperator.NotIn => !has || !Values.Contains(value!),
            LabelOperator.GreaterThan => has && Integer(value!) is { } n && n > Integer(Values[0]),
            LabelOperator.LessThan => has && Integer(value!) is { } m && m < Integer(Values[0]),
            _ => false,
        };
    }

    /// <summary>Gt and Lt compare as 64-bit integers; a label value that is not one never matches (as upstream).</summary>
    private static long? Integer(string s) => long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
