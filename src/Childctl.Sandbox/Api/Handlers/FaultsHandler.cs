using System.Text.Json;
using System.Text.Json.Nodes;
using Childctl.Sandbox.Api.Bodies;
using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Childctl.Sandbox.Api.Handlers;

/// <summary>
/// <c>/sandbox/v1/faults</c>: GET shows the fault settings, PUT or PATCH changes the fields given (and "seed"
/// restarts the random sequence), DELETE turns every fault off. Reading needs get on the path, changing it the admin (see SandboxRbac).
/// </summary>
internal sealed class FaultsHandler(ApiServices api)
{
    public async Task HandleAsync(HttpContext ctx)
    {
        var method = ctx.Request.Method;
        if (method == HttpMethods.Delete)
        {
            api.Faults.Reset();
        }
        else if (method == HttpMethods.Put || method == HttpMethods.Patch)
        {
            var body = RequestBodies.ParseJson(await RequestBodies.ReadAsync(ctx.Request, ctx.RequestAborted)) as JsonObject
                ?? throw ApiErrors.BadRequest("the body must be a JSON object of fault settings");
            Apply(body);
        }
        else if (method != HttpMethods.Get)
        {
            throw ApiErrors.MethodNotAllowed();
        }

        await Responses.WriteAsync(ctx, 200, JsonSerializer.SerializeToUtf8Bytes(Describe(), StoreJsonContext.Wire.JsonObject));
    }

    private void Apply(JsonObject body)
    {
        try
        {
            if (body["seed"] is { } seed)
            {
                api.Faults.Reset(seed.GetValue<int>());
            }

            if (body["cutWriteAnswers"] is { } cut)
            {
                api.Faults.Answers.CutNext = cut.GetValue<int>();
            }

            if (body.ContainsKey("writeAnswersVerb"))
            {
                api.Faults.Answers.Verb = body["writeAnswersVerb"]?.GetValue<string>();
            }

            if (body["holdWriteAnswers"] is { } hold)
            {
                if (hold.GetValue<bool>())
                {
                    api.Faults.Answers.Hold();
                }
                else
                {
                    api.Faults.Answers.Release();
                }
            }

            api.Faults.Update(s => s with
            {
                Latency = body["latencyMs"] is { } l ? TimeSpan.FromMilliseconds(l.GetValue<double>()) : s.Latency,
                ServerErrorRate = body["serverErrorRate"] is { } e ? e.GetValue<double>() : s.ServerErrorRate,
                TooManyRequestsRate = body["tooManyRequestsRate"] is { } t ? t.GetValue<double>() : s.TooManyRequestsRate,
                RetryAfterSeconds = body["retryAfterSeconds"] is { } r ? r.GetValue<int>() : s.RetryAfterSeconds,
                DropWatchAfterEvents = body.ContainsKey("dropWatchAfterEvents") ? body["dropWatchAfterEvents"]?.GetValue<int>() : s.DropWatchAfterEvents,
                DropWatchAfter = body.ContainsKey("dropWatchAfterSeconds")
                    ? body["dropWatchAfterSeconds"] is { } d ? TimeSpan.FromSeconds(d.GetValue<double>()) : null
                    : s.DropWatchAfter,
            });
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentOutOfRangeException)
        {
            throw ApiErrors.BadRequest($"invalid fault settings: {e.Message}");
        }
    }

    private JsonObject Describe()
    {
        var s = api.Faults.Settings;
        return new JsonObject
        {
            ["latencyMs"] = s.Latency.TotalMilliseconds,
            ["serverErrorRate"] = s.ServerErrorRate,
            ["tooManyRequestsRate"] = s.TooManyRequestsRate,
            ["retryAfterSeconds"] = s.RetryAfterSeconds,
            ["dropWatchAfterEvents"] = s.DropWatchAfterEvents,
            ["dropWatchAfterSeconds"] = s.DropWatchAfter?.TotalSeconds,
            ["cutWriteAnswers"] = api.Faults.Answers.CutNext,
            ["holdWriteAnswers"] = api.Faults.Answers.Holding,
            ["writeAnswersVerb"] = api.Faults.Answers.Verb,
            ["seed"] = api.Faults.Seed,
        };
    }
}
