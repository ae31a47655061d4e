using System.Globalization;
using System.Text;
using Childctl.History.Codec;
using Childctl.History.Storage;
using Childctl.History.Store;

// Usage: <root> <management-cluster> <namespace> <name> <writer> <count|forever|tear>
// Appends events one by one and prints "ready" after the first, so a test can kill it mid-loop.
// "tear" writes half an event under the lock, prints "torn" and waits to be killed: a crash mid-write.
if (args.Length != 6)
{
    await Console.Error.WriteLineAsync("usage: <root> <management-cluster> <namespace> <name> <writer> <count|forever|tear>");
    return 2;
}

var store = new FileHistoryStore(args[0]);
var stream = new HistoryStreamId(args[1], args[2], args[3]);
var writer = args[4];
if (args[5] == "tear")
{
    await store.AppendAsync(stream, [Event(writer, 0)]);
    var path = store.PathOf(stream);
    using var held = FileLock.Acquire(HistoryLayout.LockPath(path), CancellationToken.None);
    var block = Encoding.UTF8.GetBytes(EventBlockWriter.Block(Event(writer, 1)));
    using (var log = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite))
    {
        log.Write(block, 0, block.Length / 2);
        log.Flush(flushToDisk: true);
    }

    Console.WriteLine("torn");
    Console.Out.Flush();
    await Task.Delay(Timeout.Infinite);
}

if (Environment.GetEnvironmentVariable("APPEND_HELPER_BARRIER") == "1")
{
    // Start line: the test releases all writers at once, so they contend from the first append.
    Console.WriteLine("started");
    Console.Out.Flush();
    _ = Console.ReadLine();
}

var count = args[5] == "forever" ? long.MaxValue : long.Parse(args[5], CultureInfo.InvariantCulture);
for (long i = 0; i < count; i++)
{
    await store.AppendAsync(stream, [Event(writer, i)]);
    if (i == 0)
    {
        Console.WriteLine("ready");
        Console.Out.Flush();
    }
}

return 0;

static HistoryEvent Event(string writer, long i) => new()
{
    Timestamp = DateTimeOffset.UtcNow,
    Id = $"{writer}-{i}",
    Action = "note_added",
    User = writer,
    Parameters = new Dictionary<string, string> { ["writer"] = writer, ["seq"] = i.ToString(CultureInfo.InvariantCulture) },
    Message = $"append {i} from {writer} " + new string('x', 200),
};
