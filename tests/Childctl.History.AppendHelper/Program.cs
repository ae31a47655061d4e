using Childctl.History.Events;
using Childctl.History.Store;

// Usage: <root> <management-cluster> <namespace> <name> <writer> <count|forever>
// Appends events one by one; prints "ready" after the first so a test can kill it mid-loop.
if (args.Length != 6)
{
    await Console.Error.WriteLineAsync("usage: <root> <management-cluster> <namespace> <name> <writer> <count|forever>");
    return 2;
}

var store = new FileHistoryStore(args[0]);
var stream = new HistoryStreamId(args[1], args[2], args[3]);
var writer = args[4];
var count = args[5] == "forever" ? long.MaxValue : long.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture);
var padding = new string('x', 200);
for (long i = 0; i < count; i++)
{
    var now = DateTimeOffset.UtcNow;
    var e = new HistoryEvent
    {
        Timestamp = now,
        Id = $"{writer}-{i}",
        Action = "note_added",
        User = writer,
        Parameters = new Dictionary<string, string> { ["writer"] = writer, ["seq"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        Message = $"append {i} from {writer} {padding}",
    };
    await store.AppendAsync(stream, [e]);
    if (i == 0)
    {
        Console.WriteLine("ready");
        Console.Out.Flush();
    }
}

return 0;
