using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Childctl.Core.Api;
using Childctl.Core.ClusterDeployments;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Listing;

namespace Childctl.Cli.Commands;

/// <summary>
/// The arguments and options several commands share, defined once so they read (and are checked) the same everywhere:
/// the NAME of an existing cluster, --reason, --wait/--timeout, node counts, and the cluster filter of list, delete and watch.
/// </summary>
internal static class CommandOptions
{
    private const string NameDescription = "The ClusterDeployment's name";

    /// <summary>
    /// The NAME of a cluster that exists, checked while parsing: a name that cannot be a ClusterDeployment's (a Kubernetes
    /// DNS subdomain) is bad input, exit 2. <c>create</c> applies stricter rules of its own, in Core.
    /// </summary>
    public static Argument<string> Name(string description = NameDescription) =>
        Checked(new Argument<string>("name") { Description = description, CustomParser = r => ObjectName.Strip(r.Tokens[0].Value) });

    public static Argument<string?> OptionalName(string description) =>
        Checked(new Argument<string?>("name")
        {
            Description = description,
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = r => r.Tokens is [var token, ..] ? ObjectName.Strip(token.Value) : null,
        });

    public static Argument<string[]> Names(string description) =>
        Checked(new Argument<string[]>("name")
        {
            Description = description,
            Arity = ArgumentArity.ZeroOrMore,
            CustomParser = r => [.. r.Tokens.Select(t => ObjectName.Strip(t.Value))],
        });

    public static Option<string?> Reason() => new("--reason")
    {
        Description = "Why: recorded in local history and stamped on the object (childctl.dev/reason)",
    };

    /// <summary><c>--force</c> of the spec changes: past the in-flight and state checks (never past a deletion), recorded as forced.</summary>
    public static Option<bool> Force(string refusals) => new("--force")
    {
        Description = $"Change it even {refusals} (never while it is being deleted); recorded in history as forced",
    };

    public static Option<bool> Wait(string what) => new("--wait") { Description = $"Then wait until {what} (see 'childctl wait')" };

    /// <summary>How long a wait lasts when no <c>--timeout</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromMinutes(30);

    public static Option<TimeSpan?> Timeout() => new("--timeout")
    {
        Description = $"How long to wait, e.g. 20m, 1h (default {Core.Text.DurationText.Format(DefaultWaitTimeout)}); exit 6 when it runs out",
        CustomParser = r => Durations.ParseOptionValue(r),
    };

    /// <summary>The wait a <c>--wait</c> asks for: its timeout, or null without <c>--wait</c>.</summary>
    public static TimeSpan? WaitFor(this Invocation invocation, Option<bool> wait, Option<TimeSpan?> timeout) =>
        invocation.Get(wait) ? invocation.Get(timeout) ?? DefaultWaitTimeout : null;

    /// <summary>A node count or size: a whole number of 0 or more, with a message that names the option (not .NET's type name).</summary>
    public static Option<int?> Count(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r =>
        {
            var text = r.Tokens.Count > 0 ? r.Tokens[0].Value : "";
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            r.AddError(text.Length > 0 && text.All(char.IsAsciiDigit)
                ? $"{name} is out of range: it must be between 0 and {int.MaxValue}, not {text}"
                : $"{name} must be a whole number of 0 or more, not '{text}'");
            return null;
        },
    };

    /// <summary>Parses <c>k=v,k2=v2</c> as the users' scripts took --cluster-labels and --cluster-annotations; Core checks the keys.</summary>
    public static IReadOnlyDictionary<string, string>? KeyValues(string? text, string flag)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw ChildctlException.InvalidInput($"{flag}: \"{pair}\" is not key=value (use {flag} k=v,k2=v2)");
            }

            result[pair[..equals]] = pair[(equals + 1)..];
        }

        return result;
    }

    private static Argument<T> Checked<T>(Argument<T> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if ((ObjectName.KindProblem(token.Value) ?? ClusterNameRules.ExistingNameProblem(ObjectName.Strip(token.Value))) is { } problem)
                {
                    result.AddError(problem);
                    return;
                }
            }
        });
        return argument;
    }
}

/// <summary>
/// The one cluster filter of <c>list</c>, <c>delete</c> and <c>watch</c>: <c>-l</c>, <c>--provider</c>, <c>--region</c>,
/// <c>--phase</c>, <c>--template</c>, each taking comma-separated alternatives. A provider or phase outside the known
/// set is a usage error (exit 2) that lists the choices, before any API call; both match without regard to case. So is a
/// label selector outside the API server's grammar.
/// </summary>
internal sealed class FilterOptions
{
    public FilterOptions(string labelDescription)
    {
        Selector = new Option<string?>("--selector", "-l") { Description = labelDescription };
        Selector.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } selector && ClusterFilter.SelectorProblem(selector) is { } problem)
            {
                result.AddError($"invalid label selector '{selector}': {problem}");
            }
        });
        Phase = Choice("--phase", "Only clusters in these phases", ClusterFilter.PhaseNames);
        Provider = Choice("--provider", "Only clusters on these clouds (from the template's infrastructure provider)", CloudProvider.KnownNames);
        Region = new Option<string?>("--region") { Description = "Only clusters in these cloud regions (spec.config location/region), comma-separated" };
        Template = new Option<string?>("--template") { Description = "Only clusters using these ClusterTemplates, comma-separated" };
    }

    public Option<string?> Selector { get; }

    public Option<string?> Phase { get; }

    public Option<string?> Provider { get; }

    public Option<string?> Region { get; }

    public Option<string?> Template { get; }

    public Command AddTo(Command command)
    {
        foreach (var option in new Option[] { Selector, Phase, Provider, Region, Template })
        {
            command.Options.Add(option);
        }

        return command;
    }

    public ClusterFilter Read(Invocation invocation) => new()
    {
        LabelSelector = invocation.Get(Selector),
        Phases = Canonical(invocation.Get(Phase), ClusterFilter.PhaseNames).Select(Enum.Parse<ClusterPhase>).ToList(),
        Providers = Canonical(invocation.Get(Provider), CloudProvider.KnownNames).ToList(),
        Regions = Split(invocation.Get(Region)),
        Templates = Split(invocation.Get(Template)),
    };

    private static Option<string?> Choice(string name, string description, IReadOnlyList<string> choices)
    {
        var option = new Option<string?>(name) { Description = $"{description}; comma-separated for several" };
        option.CompletionSources.Clear();
        option.CompletionSources.Add([.. choices]);
        option.Validators.Add(result =>
        {
            foreach (var value in Split(result.GetValueOrDefault<string?>()))
            {
                if (!choices.Contains(value, StringComparer.OrdinalIgnoreCase))
                {
                    result.AddError($"unknown {name.TrimStart('-')} '{value}': use one of {string.Join(", ", choices)}");
                }
            }
        });
        return option;
    }

    private static string[] Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IEnumerable<string> Canonical(string? text, IReadOnlyList<string> choices) =>
        Split(text).Select(v => choices.First(c => string.Equals(c, v, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>
/// A NAME argument also takes the forms <c>-o name</c> and kubectl print, so their output can be fed back:
/// <c>clusterdeployment.k0rdent.mirantis.com/x</c>, <c>clusterdeployments.k0rdent.mirantis.com/x</c>,
/// <c>clusterdeployment/x</c> and the CRD's short names <c>cld/x</c> and <c>clusterd/x</c>. Another kind is bad input.
/// kubectl's <c>-o name</c> carries no namespace, with -A neither; a namespace comes from -n (see docs/commands.md).
/// </summary>
internal static class ObjectName
{
    /// <summary>kubectl's name for a ClusterDeployment in messages and <c>-o name</c>: <c>clusterdeployment.k0rdent.mirantis.com/x</c>.</summary>
    public static string Of(string name) => $"{K0rdentKinds.ClusterDeployment.NamePrefix}/{name}";

    private static readonly string[] Kinds = ["clusterdeployment", "clusterdeployments", "cld", "clusterd"];

    /// <summary>Kinds a person might paste by mistake; any other prefix is left to the name rule's message.</summary>
    private static readonly string[] OtherKinds =
        ["clustertemplate", "clustertemplates", "credential", "credentials", "pod", "pods", "secret", "secrets", "configmap", "configmaps", "namespace", "namespaces"];
    private const string GroupSuffix = "." + Core.Api.K0rdentKinds.Group;

    /// <summary>The bare name: what follows a ClusterDeployment kind prefix, else the text as given.</summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && IsClusterDeployment(text[..slash]) ? text[(slash + 1)..] : text;
    }

    /// <summary>Why a <c>kind/name</c> is not a ClusterDeployment's name, else null.</summary>
    public static string? KindProblem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var kind = slash > 0 ? text[..slash] : string.Empty;
        return slash <= 0 || IsClusterDeployment(kind) || !(IsKindDotGroup(kind) || OtherKinds.Contains(kind, StringComparer.OrdinalIgnoreCase))
            ? null
            : $"\"{text}\" names a {text[..slash]}; give a ClusterDeployment: NAME, or clusterdeployment.{Core.Api.K0rdentKinds.Group}/NAME as -o name prints it";
    }

    /// <summary>The <c>kind.group</c> form: dot-separated, non-empty words of letters, digits and dashes.</summary>
    private static bool IsKindDotGroup(string kind) =>
        kind.Contains('.', StringComparison.Ordinal) && kind.Split('.').All(w => w.Length > 0 && w.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'));

    private static bool IsClusterDeployment(string kind)
    {
        var bare = kind.EndsWith(GroupSuffix, StringComparison.OrdinalIgnoreCase) ? kind[..^GroupSuffix.Length] : kind;
        return Kinds.Contains(bare, StringComparer.OrdinalIgnoreCase);
    }
}
