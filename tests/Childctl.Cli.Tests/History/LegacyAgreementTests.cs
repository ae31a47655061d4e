using System.Text.Json;

namespace Childctl.Cli.Tests.History;

/// <summary>
/// One legacy events file in the bash tools' richer format (user, reason, command, parameters, result, error) read two
/// ways: as-is from the history folder, and after <c>migrate</c>. Both must show the same fields, redacted alike.
/// </summary>
public sealed class LegacyAgreementTests : IDisposable
{
    private const string Secret = "s3cr3t-value-here";

    private const string Legacy = $$"""
        cluster_name: "az-legacy"
        created_at: "2025-07-10T09:00:00Z"
        events:
          - timestamp: "2025-07-10T09:00:00Z"
            action: cluster_deployment_created
            user: alice
            reason: "capacity test"
            command: "./create-azure-child.sh az-legacy --client-secret {{Secret}}"
            parameters:
              location: eastus
              client_secret: "{{Secret}}"
            result: succeeded
            message: ClusterDeployment 'az-legacy' created
          - timestamp: "2025-07-10T10:00:00Z"
            action: cluster_deployment_deleted
            user: bob
            result: failed
            error: "timed out"
        """;

    private readonly HistoryCli _asIs = new();
    private readonly HistoryCli _migrated = new();

    public void Dispose()
    {
        _asIs.Dispose();
        _migrated.Dispose();
    }

    [Fact]
    public async Task History_WhenALegacyFileIsReadAsIsOrMigrated_ShowsTheSameFieldsRedactedAlike()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_asIs.HistoryDir, HistoryCli.Mc.Replace(':', '_').Replace('/', '_'), "kcm-system"));
        await File.WriteAllTextAsync(Path.Combine(folder.FullName, "az-legacy.yaml"), Legacy);
        var state = Directory.CreateDirectory(Path.Combine(_migrated.Root, "state"));
        await File.WriteAllTextAsync(Path.Combine(state.FullName, "cluster-az-legacy-events.yaml"), Legacy);
        Assert.Equal(0, (await _migrated.RunAsync("migrate", "--from", state.FullName)).ExitCode);

        var asIs = await _asIs.RunAsync("history", "az-legacy", "--user", "alice", "--all-management-clusters", "-n", "kcm-system", "-o", "json");
        var migrated = await _migrated.RunAsync("history", "az-legacy", "--user", "alice", "--all-management-clusters", "-n", "kcm-system", "-o", "json");
        var asIsTable = await _asIs.RunAsync("history", "az-legacy", "--all-management-clusters", "-n", "kcm-system", "-o", "wide");
        var migratedTable = await _migrated.RunAsync("history", "az-legacy", "--all-management-clusters", "-n", "kcm-system", "-o", "wide");

        Assert.Equal(0, asIs.ExitCode);
        Assert.Equal(0, migrated.ExitCode);
        Assert.Equal(Fields(asIs.Stdout), Fields(migrated.Stdout));
        Assert.Contains("capacity test", migrated.Stdout, StringComparison.Ordinal);
        Assert.All(new[] { asIs.Stdout, migrated.Stdout, asIsTable.Stdout, migratedTable.Stdout }, o => Assert.DoesNotContain(Secret, o, StringComparison.Ordinal));
        Assert.Contains("timed out", migratedTable.Stdout, StringComparison.Ordinal);
        Assert.Contains("timed out", asIsTable.Stdout, StringComparison.Ordinal);
    }

    /// <summary>What an operator reads of each event: who, why, how, with what, and what came of it.</summary>
    private static List<string> Fields(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("items").EnumerateArray()
            .SelectMany(c => c.GetProperty("events").EnumerateArray())
            .Select(e => string.Join('|', new[] { "timestamp", "user", "reason", "command", "result", "error", "message" }
                .Select(k => e.TryGetProperty(k, out var v) ? v.ToString() : "-"))
                + "|" + (e.TryGetProperty("parameters", out var p) ? string.Join(',', p.EnumerateObject().Where(x => x.Name is "location" or "client_secret").Select(x => $"{x.Name}={x}")) : "-"))
            .ToList();
    }
}
