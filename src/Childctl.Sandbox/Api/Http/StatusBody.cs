using System.Buffers;
using System.Text.Json;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Http;

/// <summary>Writes Kubernetes Status objects (no "hasObject" or other client-library artefacts).</summary>
internal static class StatusBody
{
    public static byte[] Failure(StoreException e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, StoreJsonContext.WriterOptions))
        {
            WriteFailure(w, e);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteFailure(Utf8JsonWriter w, StoreException e)
    {
        w.WriteStartObject();
        w.WriteString("kind", "Status");
        w.WriteString("apiVersion", "v1");
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteString("status", "Failure");
        w.WriteString("message", e.Message);
        if (e.Reason.Length > 0)
        {
            w.WriteString("reason", e.Reason);
        }

        if (e.Details is { } d)
        {
            WriteDetails(w, d);
        }

        w.WriteNumber("code", e.Code);
        w.WriteEndObject();
    }

    private static void WriteDetails(Utf8JsonWriter w, StatusDetails d)
    {
        w.WriteStartObject("details");
        WriteIfSet(w, "name", d.Name);
        WriteIfSet(w, "group", d.Group);
        WriteIfSet(w, "kind", d.Kind);
        if (d.Causes is { Count: > 0 } causes)
        {
            w.WriteStartArray("causes");
            foreach (var c in causes)
            {
                w.WriteStartObject();
                w.WriteString("reason", c.Reason);
                w.WriteString("message", c.Message);
                w.WriteString("field", c.Field);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (d.RetryAfterSeconds is { } retry)
        {
            w.WriteNumber("retryAfterSeconds", retry);
        }

        w.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }
}
