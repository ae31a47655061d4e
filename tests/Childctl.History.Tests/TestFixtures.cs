using Childctl.History.Store;
using Childctl.Testing;

// The store's tests check Unix file modes, flock across processes and SIGKILL: they run on Linux (and macOS).
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("macos")]

namespace Childctl.History.Tests;

/// <summary>Event builders with fixed clocks and ids, so tests and golden files are deterministic.</summary>
internal static class Events
{
    public static readonly DateTimeOffset T0 = new(2025, 7, 11, 14, 30, 0, 123, TimeSpan.Zero);

    public static HistoryEvent Note(string id, string text = "looked fine", int minutes = 0) => new()
    {
        Timestamp = T0.AddMinutes(minutes),
        Id = id,
        Action = EventActions.NoteAdded,
        User = "rbias",
        Message = text,
    };

    public static HistoryEvent Full(string id) => new()
    {
        Timestamp = T0,
        Id = id,
        Action = "cluster_created",
        User = "rbias",
        K8sUser = "system:admin",
        Uid = "6a1f3c2e-0000-4000-8000-000000000001",
        ManagementCluster = new ManagementClusterRef("k0rdent-mgmt", "https://10.0.0.4:6443"),
        Operation = "01JZOPERATION0000000000000",
        Parameters = new Dictionary<string, string> { ["template"] = "azure-standalone-cp-1-0-45", ["location"] = "eastus", ["workers"] = "3" },
        Command = "childctl create azure my-cluster --location eastus",
        Reason = "capacity test",
        Message = "created: \"quoted\", multi\nline, # not a comment",
        Result = "succeeded",
        Flags = ["x"],
        Source = EventSources.Childctl,
    };
}

/// <summary>
/// Expected outputs under testdata/. Set CHILDCTL_UPDATE_GOLDEN=1 to rewrite them from the actual output
/// (then review the diff); otherwise a missing file fails the test.
/// </summary>
internal static class Golden
{
    private static string SourceDir => Path.Combine(RepoPaths.Root, "tests", "Childctl.History.Tests", "testdata");

    public static string Read(string name) => File.ReadAllText(Path.Combine(SourceDir, name));

    public static void Check(string name, string actual)
    {
        var path = Path.Combine(SourceDir, name);
        if (Environment.GetEnvironmentVariable("CHILDCTL_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
        }

        Assert.Equal(File.ReadAllText(path), actual);
    }
}
