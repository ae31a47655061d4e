using System.Text;
using System.Text.Json;
using Childctl.History.Store;
using Childctl.History.Team;

namespace Childctl.History.Tests.Team;

/// <summary>What a team chunk stores must read back as the event the local file holds, field for field.</summary>
public sealed class TeamEventCodecTests
{
    public static TheoryData<string> Texts() =>
    [
        "plain", "", "quote \" back \\ slash /", "café ✓ 日本 \u2028 \U0001F600", "control \u0001\u001f\u007f", "<html> & 'x'", "multi\nline\r\n",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Decode_OfWhatEncodeWrote_GivesBackEveryField(string text)
    {
        var e = Full(text);

        var decoded = TeamEventCodec.TryDecode("ignored-key", TeamEventCodec.Encode(e));

        Assert.NotNull(decoded);
        Assert.Equal(Canonical(e), Canonical(decoded));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void DecodeFlat_OfWhatEncodeWrote_ReadsItWithoutTheValidatingReader(string text)
    {
        var e = Full(text);

        Assert.True(TeamEventCodec.TryDecodeFlat("ignored-key", Encoding.UTF8.GetBytes(TeamEventCodec.Encode(e)), new StringPool(), out var decoded));

        Assert.NotNull(decoded);
        Assert.Equal(Canonical(e), Canonical(decoded));
    }

    [Theory]
    [InlineData("""{"time\u0073tamp":"2026-03-01T10:00:00.0000000Z","action":"a"}""")]
    [InlineData("""{"timestamp":"2026-03-01T10:00:00","action":"a"}""")]
    [InlineData("""{"timestamp":"2026-03-01T10:00:00.0000000Z","action":"a","parameters":{"n":3}}""")]
    [InlineData("""{"timestamp":"2026-03-01T10:00:00.0000000Z","action":"a","user":null}""")]
    [InlineData("""{"timestamp":"2026-03-01T10:00:00.0000000Z","action":"a"} trailing""")]
    [InlineData("""{"timestamp":"2026-03-01T10:00:00.0000000Z","action":"a\x"}""")]
    public void DecodeFlat_OfValuesNotInTheEncodersShape_LeavesThemToTheValidatingReader(string json)
    {
        Assert.False(TeamEventCodec.TryDecodeFlat("k", Encoding.UTF8.GetBytes(json), null, out _));
    }

    [Theory]
    [MemberData(nameof(Texts))]
    public void EventsOf_AChunkAsTheApiServesIt_UnescapesEachValueOnce(string text)
    {
        var first = Full(text);
        var second = Events.Note("n2") with { Id = "01JZ0000000000000000000002" };
        var chunk = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["data"] = new Dictionary<string, string> { [first.Id!] = TeamEventCodec.Encode(first), [second.Id!] = TeamEventCodec.Encode(second), ["notes.txt"] = "not an event" },
        });

        using var doc = JsonDocument.Parse(chunk);
        var events = TeamSeries.EventsOf(doc.RootElement, new StringPool());

        Assert.Equal([Canonical(first), Canonical(second)], events.Select(Canonical));
    }

    [Fact]
    public void Decode_OfAValueWithoutId_TakesTheKey_AndReadsAStampWithoutZoneAsUtc()
    {
        var decoded = TeamEventCodec.TryDecode("01KEY", """{"timestamp":"2026-03-01T10:00:00","action":"note_added","message":"hand-written"}""");

        Assert.NotNull(decoded);
        Assert.Equal("01KEY", decoded.Id);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero), decoded.Timestamp);
    }

    [Fact]
    public void Decode_OfHandEditedValues_KeepsWhatItCanAndSkipsUnknownFields()
    {
        var decoded = TeamEventCodec.TryDecode("k", """{"time\u0073tamp":"2026-03-01T10:00:00+02:00","action":"a","extra":{"x":[1,2]},"parameters":{"n":3,"s":"t"},"flags":["f",1]}""");

        Assert.NotNull(decoded);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), decoded.Timestamp.ToUniversalTime());
        Assert.Equal(new Dictionary<string, string> { ["n"] = "3", ["s"] = "t" }, decoded.Parameters);
        Assert.Equal(["f"], decoded.Flags!);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"action":"a"}""")]
    [InlineData("""{"timestamp":"2026-03-01T10:00:00Z"}""")]
    [InlineData("""{"timestamp":"yesterday","action":"a"}""")]
    [InlineData("""{"timestamp":"2026-03-01T10:00:00Z","action":"a",""")]
    public void Decode_OfAValueThatIsNotAnEvent_IsNull(string value) =>
        Assert.Null(TeamEventCodec.TryDecode("k", value));

    [Theory]
    [MemberData(nameof(Texts))]
    public void Unescape_GivesTheBytesOfTheString_AsEitherEncoderWritesIt(string text)
    {
        foreach (var options in new[] { JsonSerializerOptions.Default, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping } })
        {
            var quoted = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(text, options));
            var into = new byte[quoted.Length];

            var length = TeamSeries.Unescape(quoted.AsSpan(1, quoted.Length - 2), into);

            Assert.Equal(Encoding.UTF8.GetBytes(text), into[..length]);
        }
    }

    [Fact]
    public void StringPool_GivesOneInstancePerValue()
    {
        var pool = new StringPool();

        var a = pool.Get(Encoding.UTF8.GetBytes("alice"));
        var b = pool.Get(Encoding.UTF8.GetBytes("alice"));

        Assert.Same(a, b);
        Assert.Equal("bob", pool.Get(Encoding.UTF8.GetBytes("bob")));
    }

    [Fact]
    public void StringPool_WhenValuesShareALengthAndEnds_KeepsThemApartAndStillOneInstanceEach()
    {
        var pool = new StringPool();
        string[] values = ["op1x", "op2x", "op1x", "", "é-é", "op2x", "", "é-é"];

        var got = values.Select(v => pool.Get(Encoding.UTF8.GetBytes(v))).ToList();

        Assert.Equal(values, got);
        Assert.Same(got[0], got[2]);
        Assert.Same(got[1], got[5]);
        Assert.Same(got[4], got[7]);
    }

    private static HistoryEvent Full(string text) => Events.Full("01JZ0000000000000000000001") with
    {
        K8sRealUser = "sandbox-admin",
        Message = text,
        Reason = text,
        Error = text,
        Parameters = new Dictionary<string, string> { ["template"] = "azure-standalone-cp-1-0-45", [text.Length == 0 ? "k" : text] = text },
        Flags = ["x", text],
    };

    internal static string Canonical(HistoryEvent e) => JsonSerializer.Serialize(new
    {
        e.Timestamp, e.Id, e.Action, e.User, e.K8sUser, e.K8sRealUser, e.Uid, Mc = e.ManagementCluster?.ToString(), e.Operation,
        Parameters = e.Parameters?.Select(p => $"{p.Key}={p.Value}").ToList(), e.Command, e.Reason, e.Message, e.Result, e.Error, e.Flags, e.Source,
    });
}
