using System.Text.Json;
using Childctl.History.Codec;

namespace Childctl.History.Tests.Codec;

/// <summary>The fast reader must read exactly what the general YAML reader reads, whenever it accepts a file.</summary>
public sealed class FastParserTests
{
    public static TheoryData<string> Texts() =>
    [
        "plain", "", "yes", "null", "~", "123", " spaced ", "key: value", "# hash", "tab\there", "multi\nline\r\n",
        "quote \" back \\", "café ✓ 日本 \u2028 \u0085 \U0001F600", "control \u0001\u001f\u007f", "{a: b}", "[x]", "a, b: c",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void EventsChildctlWrites_AreAcceptedAndReadAlike(string text)
    {
        var e = Events.Full("01JZ0000000000000000000001") with
        {
            Message = text, Reason = text, Parameters = new Dictionary<string, string> { [text.Length == 0 ? "k" : text] = text }, Flags = [text.Length == 0 ? "f" : text],
        };
        var file = EventBlockWriter.Header(new HistoryHeader { ClusterName = "c1", Namespace = "ns", CreatedAt = text }) + EventBlockWriter.Block(e) + EventBlockWriter.Block(Events.Note("n2"));

        Assert.True(FastHistoryParser.TryParse(file, out var fast));
        Assert.Equal(Canonical(HistoryFileParser.ParseYaml("mem", file)), Canonical(fast));
    }

    [Theory]
    [InlineData("cluster_name: c1\nevents:\n  - timestamp: \"2025-07-11T14:30:00Z\"\n    action: a\n    message: Local tracking initialized for c1\n")]
    [InlineData("cluster_name: c1\nevents:\n- timestamp: \"2025-07-11T14:30:00Z\"\n  action: a\n")]
    [InlineData("cluster_name: c1\nevents:\n  - timestamp: \"2025-07-11T14:30:00Z\"\n    action: a\n    message: \"raw\u0001control\"\n")]
    [InlineData("cluster_name: c1\nevents:\n  - timestamp: \"2025-07-11T14:30:00Z\"\n    action: a\n    message: \"two\n      lines\"\n")]
    [InlineData("cluster_name: c1\r\nevents:\r\n")]
    [InlineData("cluster_name: c1\nevents:\n  - timestamp: \"2025-07-11T14:30:00Z\"\n    action: a\n    extra: {nested: [1, 2]}\n")]
    [InlineData("cluster_name: c1\nevents:\n  - timestamp: \"2025-07-11T14:30:00Z\"\n")]
    [InlineData("cluster_name: c1\nevents: []\n")]
    [InlineData("cluster_name: c1\nevents:\n  - timestamp: \"2025-07-11T14:30:00Z\"\n    action: a")]
    public void AnythingElse_IsLeftToTheGeneralParser(string file) =>
        Assert.False(FastHistoryParser.TryParse(file, out _));

    [Fact]
    public void LegacyFixtures_ReadTheSameEitherWay()
    {
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "testdata", "legacy"), "cluster-*-events.yaml", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(path);
            if (text.Length > 0 && FastHistoryParser.TryParse(text, out var fast))
            {
                Assert.Equal(Canonical(HistoryFileParser.ParseYaml(path, text)), Canonical(fast));
            }
        }
    }

    [Theory]
    [InlineData("childctl", false)]
    [InlineData("observed", false)]
    [InlineData("legacy", true)]
    [InlineData("", true)]
    public void BothParsers_FlagLegacyEntries_OnlyWhenAnEventIsNotChildctls(string source, bool legacy)
    {
        var block = EventBlockWriter.Block(Events.Note("n2") with { Action = "Cluster Created", Source = source.Length == 0 ? "none" : source });
        var file = EventBlockWriter.Header(new HistoryHeader { ClusterName = "c1", Namespace = "ns" }) + EventBlockWriter.Block(Events.Note("n1"))
            + (source.Length == 0 ? block.Replace("    source: none\n", string.Empty, StringComparison.Ordinal) : block) + EventBlockWriter.Block(Events.Note("n3"));

        Assert.True(FastHistoryParser.TryParse(file, out var fast));
        Assert.Equal((legacy, legacy), (fast.HasLegacyEntries, HistoryFileParser.ParseYaml("mem", file).HasLegacyEntries));
    }

    private static string Canonical(HistoryDocument d) => JsonSerializer.Serialize(new
    {
        d.HasLegacyEntries,
        d.Header.ClusterName, d.Header.Namespace, d.Header.CreatedAt, d.Header.LastUpdated,
        Events = d.Events.Select(e => new
        {
            e.Timestamp, e.Id, e.Action, e.User, e.K8sUser, e.Uid, Mc = e.ManagementCluster?.ToString(), e.Operation,
            Parameters = e.Parameters?.Select(p => $"{p.Key}={p.Value}").ToList(), e.Command, e.Reason, e.Message, e.Result, e.Error, e.Flags, e.Source, e.Line,
        }).ToList(),
    });
}
