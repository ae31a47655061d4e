using System.Text.Json.Nodes;
using Childctl.Core.Errors;
using Childctl.Core.Operations.Wait;

namespace Childctl.Core.Operations.Create;

/// <summary>
/// <c>create -f</c> of several objects (a multi-document file, a <c>kind: List</c>, a directory): each manifest with where it
/// was read; <see cref="Options"/> carries what applies to all (dry runs, <c>--wait</c> and its timeout, the reason);
/// <see cref="Yes"/> skips the confirmation a terminal would be asked.
/// </summary>
public sealed record CreateBatchRequest(IReadOnlyList<(JsonObject Manifest, string Source)> Manifests, CreateRequest Options)
{
    public bool Yes { get; init; }
}

/// <summary>One object of the plan: where it goes and what it uses, as the pre-flight found them, and where it was read.</summary>
public sealed record CreatePlanItem(string Namespace, string Name, string Template, string Credential, string Source);

/// <summary>What one planned create did: created (the result), or why not and the error's kind.</summary>
public sealed record CreateItemResult(CreatePlanItem Item, CreateResult? Created, string? Failure = null, ErrorKind? ErrorKind = null)
{
    public bool Failed => Failure is not null;
}

/// <summary>
/// How a batch create ended without an error: the plan, each create's result (none for a dry run) and the wait's summary
/// (with --wait). Part failed (exit 8) when a create failed or a created cluster did not become Ready.
/// </summary>
public sealed record CreateBatchSummary(IReadOnlyList<CreatePlanItem> Plan, IReadOnlyList<CreateItemResult> Results, BatchWaitSummary? Wait)
{
    public bool PartiallyFailed => Results.Any(r => r.Failed) || Wait?.PartiallyFailed == true;
}

/// <summary>
/// The person at the other end of a batch create: told what failed the pre-flight (then the command ends, nothing
/// created), shown the plan, asked to confirm it when there is a terminal, shown the manifests of a dry run, told each
/// result, then the wait as <see cref="IBatchWaitObserver"/>. Calls are synchronous and in order, except the question.
/// </summary>
public interface ICreateBatchInteraction : IBatchWaitObserver
{
    bool CanAsk { get; }

    void OnRefused(string source, string problem);

    void OnPlan(IReadOnlyList<CreatePlanItem> plan);

    Task<string?> AskAsync(string question, CancellationToken cancellationToken);

    /// <summary>A server-side dry run passed for every object: the manifests that would be created.</summary>
    void OnDryRun(IReadOnlyList<CreateResult> checkedObjects);

    void OnResult(CreateItemResult result);

    /// <summary>The creates are done (and waited for, with --wait); told once, last, unless an error ends the command.</summary>
    void OnCreateSummary(CreateBatchSummary summary);
}
