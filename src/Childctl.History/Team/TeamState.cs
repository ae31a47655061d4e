using System.Globalization;
using Childctl.History.Storage;

namespace Childctl.History.Team;

/// <summary>
/// What this machine last learnt about a management cluster's team store: on or off, when, and its namespace, kept in
/// <c>state</c> of the team folder (<see cref="Store.FileHistoryStore.TeamDirectory"/>). It is read on its own, before
/// the outbox or anything else of the team store, so that a command on a cluster known to be without team history
/// touches nothing more of it.
/// </summary>
public sealed record TeamState(bool Enabled, DateTimeOffset CheckedAt, string Namespace)
{
    /// <summary>How long an answer holds for a command that writes, before it asks the marker again.</summary>
    public static readonly TimeSpan Recheck = TimeSpan.FromMinutes(5);

    /// <summary>Whether the answer still holds at <paramref name="now"/> for the team store in <paramref name="ns"/>.</summary>
    /// <param name="anyAge">For a read, which takes a known answer of any age.</param>
    public bool Holds(DateTimeOffset now, string ns, bool anyAge = false) => (anyAge || now - CheckedAt < Recheck) && Namespace == ns;

    /// <summary>The state in <paramref name="teamDirectory"/>, or null when this machine never asked (or cannot read it).</summary>
    public static TeamState? Read(string teamDirectory)
    {
        try
        {
            var lines = File.ReadAllLines(Path.Combine(teamDirectory, "state")).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
            return lines.TryGetValue("checked", out var at) && long.TryParse(at, CultureInfo.InvariantCulture, out var seconds)
                ? new TeamState(lines.GetValueOrDefault("enabled") == "true", DateTimeOffset.FromUnixTimeSeconds(seconds), lines.GetValueOrDefault("namespace") ?? TeamSeries.DefaultNamespace)
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Write(string teamDirectory)
    {
        var text = $"enabled={(Enabled ? "true" : "false")}\nchecked={CheckedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}\nnamespace={Namespace}\n";
        SecureFiles.WriteHint(Path.Combine(teamDirectory, "state"), text);
    }
}
