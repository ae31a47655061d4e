using Childctl.History.Codec;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Childctl.History.Legacy;

/// <summary>
/// Reads a legacy <c>cluster-&lt;name&gt;-state.yaml</c> as its top-level text values, in file order (nested
/// values, which the old tools never wrote for clusters, are skipped). Null for an empty file.
/// </summary>
internal static class LegacyStateParser
{
    public static IReadOnlyList<KeyValuePair<string, string>>? Parse(string path, string text)
    {
        try
        {
            var parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            if (!parser.TryConsume<MappingStart>(out _))
            {
                throw YamlReading.TypeError(parser, "expected keys such as cluster_status at the top");
            }

            var values = new List<KeyValuePair<string, string>>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = YamlReading.ReadKey(parser);
                if (parser.TryConsume<Scalar>(out var value))
                {
                    values.Add(new(key, YamlReading.IsNull(value) ? string.Empty : value.Value));
                }
                else
                {
                    parser.SkipThisAndNestedEvents();
                }
            }

            return values;
        }
        catch (YamlException e)
        {
            throw HistoryException.Corrupt(path, Math.Max(1, (int)e.Start.Line), e.Message);
        }
    }
}
