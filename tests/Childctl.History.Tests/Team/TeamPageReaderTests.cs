using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.History.Store;
using Childctl.History.Team;
using static Childctl.History.Tests.Team.TeamEventCodecTests;

namespace Childctl.History.Tests.Team;

/// <summary>
/// The one-pass page reader against the general path (a parsed document, <see cref="TeamSeries.SeriesOf"/> and
/// <see cref="TeamSeries.EventsOf"/>): the same chunks and events from every page the API could serve, and false with
/// nothing kept for every page that is not one.
/// </summary>
public sealed class TeamPageReaderTests
{
    [Fact]
    public void TryRead_APageAsTheApiServesIt_ReadsWhatTheParsedPageHolds()
    {
        var page = Page(Chunk("kcm-system", "dev-1", annotated: null, Events.Full("01JZ0000000000000000000001"), Events.Note("01JZ0000000000000000000002")),
            Chunk("team-a", "prod", annotated: "prod.with.a.long.name", Events.Note("01JZ0000000000000000000003", "quote \" slash \\ ✓ \U0001F600 \u2028")));

        AssertSameAsParsed(page, chunks: 2);
    }

    [Theory]
    [InlineData("indented")]
    [InlineData("escaped-names")]
    [InlineData("data-before-metadata")]
    [InlineData("extra-fields")]
    [InlineData("odd-values")]
    public void TryRead_PagesShapedOtherwise_ReadWhatTheParsedPageHolds(string shape)
    {
        var chunk = Chunk("kcm-system", "dev-1", annotated: null, Events.Full("01JZ0000000000000000000001"), Events.Note("01JZ0000000000000000000002", "{ [ \" ] }"));
        var text = shape switch
        {
            "indented" => PageOf(chunk).ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
            "escaped-names" => PageOf(chunk).ToJsonString().Replace("\"items\"", "\"it\\u0065ms\"", StringComparison.Ordinal)
                .Replace("\"data\"", "\"d\\u0061ta\"", StringComparison.Ordinal).Replace("\"labels\"", "\"lab\\u0065ls\"", StringComparison.Ordinal),
            "data-before-metadata" => PageOf(new JsonObject { ["data"] = chunk["data"]!.DeepClone(), ["metadata"] = chunk["metadata"]!.DeepClone() }).ToJsonString(),
            "extra-fields" => PageOf(Extra(chunk)).ToJsonString(),
            _ => PageOf(OddValues(chunk)).ToJsonString(),
        };

        AssertSameAsParsed(Encoding.UTF8.GetBytes(text), chunks: 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TryRead_LongValuesWithEscapesAnywhere_ReadWhatTheParsedPageHolds(int seed)
    {
        var random = new Random(seed);
        string[] pieces = ["a", "0123456789abcdef", "\"", "\\", "\n", "é", "日本", "\U0001F600", "\u2028", "\u0001", "/", " ", "'"];
        var notes = Enumerable.Range(0, 20).Select(n => Events.Note($"01JZ{n:D22}", string.Concat(Enumerable.Range(0, random.Next(0, 400)).Select(_ => pieces[random.Next(pieces.Length)])))).ToArray();

        AssertSameAsParsed(Page(Chunk("kcm-system", "dev-1", annotated: null, notes)), chunks: 1);
    }

    [Fact]
    public void TryRead_AChunkWithoutItsClusterLabels_IsLeftOutAsTheParsedPathLeavesIt()
    {
        var unlabelled = Chunk("kcm-system", "dev-1", annotated: null, Events.Note("01JZ0000000000000000000001"));
        unlabelled["metadata"]!.AsObject().Remove("labels");

        AssertSameAsParsed(Page(unlabelled, Chunk("kcm-system", "dev-2", annotated: null, Events.Note("01JZ0000000000000000000002"))), chunks: 1);
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{"kind":"ConfigMapList"}""")]
    [InlineData("""{"items":null}""")]
    [InlineData("""{"items":[{"metadata":{}} {"metadata":{}}]}""")]
    [InlineData("""{"items":[{"data":{"k":"{\x"}}]}""")]
    [InlineData("""{"items":[{"data":{"k":"{\u12"}}]}""")]
    [InlineData("""{"items":[]} trailing""")]
    [InlineData("""{"items":[{"data":{"k":"v"}}]""")]
    public void TryRead_APageThatIsNotAList_GivesFalseAndKeepsNothing(string page)
    {
        var chunks = new List<((string, string), List<HistoryEvent>)> { (("kept", "before"), []) };

        Assert.False(TeamPageReader.TryRead(Encoding.UTF8.GetBytes(page), new StringPool(), chunks));
        Assert.Equal([("kept", "before")], chunks.Select(c => c.Item1));
    }

    [Fact]
    public void TryRead_EveryCutOfAPage_NeverThrowsAndReadsOnlyWhatIsWholeJson()
    {
        var page = Page(Chunk("kcm-system", "dev-1", annotated: "dev-1", Events.Full("01JZ0000000000000000000001"), Events.Note("01JZ0000000000000000000002", "x \" y")));

        for (var length = 0; length < page.Length; length++)
        {
            var cut = page[..length];
            var chunks = new List<((string, string), List<HistoryEvent>)>();
            if (TeamPageReader.TryRead(cut, new StringPool(), chunks))
            {
                using var parsed = JsonDocument.Parse(cut); // throws, failing the test, if what was read was not JSON
            }
            else
            {
                Assert.Empty(chunks);
            }
        }
    }

    private static void AssertSameAsParsed(byte[] page, int chunks)
    {
        var read = new List<((string Namespace, string Name) Series, List<HistoryEvent> Events)>();

        Assert.True(TeamPageReader.TryRead(page, new StringPool(), read));

        using var doc = JsonDocument.Parse(page);
        var items = doc.RootElement.EnumerateObject().Single(p => p.Name == "items").Value.EnumerateArray();
        var expected = items.Where(i => TeamSeries.SeriesOf(i) is not null).Select(i => (TeamSeries.SeriesOf(i)!.Value, TeamSeries.EventsOf(i).Select(Canonical).ToList())).ToList();
        Assert.Equal(chunks, expected.Count);
        Assert.Equal(expected.Select(e => e.Value), read.Select(r => r.Series));
        Assert.Equal(expected.Select(e => string.Join("\n", e.Item2)), read.Select(r => string.Join("\n", r.Events.Select(Canonical))));
    }

    private static byte[] Page(params JsonObject[] chunks) => Encoding.UTF8.GetBytes(PageOf(chunks).ToJsonString());

    private static JsonObject PageOf(params JsonObject[] chunks) => new()
    {
        ["kind"] = "ConfigMapList",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject { ["resourceVersion"] = "42", ["continue"] = "abc" },
        ["items"] = new JsonArray([.. chunks.Select(c => (JsonNode)c.DeepClone())]),
    };

    private static JsonObject Chunk(string ns, string name, string? annotated, params HistoryEvent[] events)
    {
        var metadata = new JsonObject
        {
            ["name"] = $"{ns}.{name}.0",
            ["namespace"] = TeamSeries.DefaultNamespace,
            ["labels"] = new JsonObject { [TeamSeries.KindLabel] = "series", [TeamSeries.NamespaceLabel] = ns, [TeamSeries.NameLabel] = name },
        };
        if (annotated is not null)
        {
            metadata["annotations"] = new JsonObject { [TeamSeries.NameAnnotation] = annotated };
        }

        var data = new JsonObject();
        foreach (var e in events)
        {
            data[e.Id!] = TeamEventCodec.Encode(e);
        }

        data["notes.txt"] = "not an event";
        return new JsonObject { ["metadata"] = metadata, ["data"] = data };
    }

    private static JsonObject Extra(JsonObject chunk)
    {
        var extra = (JsonObject)chunk.DeepClone();
        extra["metadata"]!["managedFields"] = JsonNode.Parse("""[{"manager":"childctl","fieldsV1":{"f:data":{".":{},"f:x":{}}},"time":"2026-01-01T00:00:00Z"}]""");
        extra["metadata"]!["generation"] = 3;
        extra["metadata"]!["deletionGracePeriodSeconds"] = null;
        extra["binaryData"] = new JsonObject { ["blob"] = "AAEC" };
        extra["immutable"] = false;
        return extra;
    }

    private static JsonObject OddValues(JsonObject chunk)
    {
        var odd = (JsonObject)chunk.DeepClone();
        odd["data"]!["a-number"] = 12.5e3;
        odd["data"]!["an-object"] = new JsonObject { ["x"] = new JsonArray(1, "]", new JsonObject()) };
        odd["data"]!["not-json"] = "{\"timestamp\":";
        odd["metadata"]!["labels"]![TeamSeries.NameLabel + "-x"] = true;
        return odd;
    }
}
