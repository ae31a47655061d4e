using Childctl.Cli.Output;
using Childctl.Core.Errors;
using Childctl.Core.Api;
using Childctl.Kubernetes;
using Childctl.Core.Operations.Create;
using Childctl.Core.Operations.Wait;

namespace Childctl.Cli.Commands;

/// <summary>Turns parsed create options into a <see cref="CreateRequest"/>, runs it, reports it, and waits when asked.</summary>
internal static class CreateRunner
{
    public static Task<int> FromFlagsAsync(CliContext context, CreateOptions options, CloudProvider provider, string name, ClusterShape shape, CancellationToken ct)
    {
        ClusterNameRules.Validate(name);
        var request = Base(context, options) with
        {
            Provider = provider,
            Name = name,
            Shape = shape,
            Labels = KeyValueList.Parse(context.Parse.GetValue(options.ClusterLabels), "--cluster-labels", labels: true),
            Annotations = KeyValueList.Parse(context.Parse.GetValue(options.ClusterAnnotations), "--cluster-annotations", labels: false),
        };
        ProviderConfig.Build(provider, shape);
        return RunAsync(context, options, request, ct);
    }

    public static async Task<int> FromFileAsync(CliContext context, CreateOptions options, string path, CancellationToken ct)
    {
        string text;
        try
        {
            text = path == "-" ? await context.Host.In.ReadToEndAsync(ct) : await File.ReadAllTextAsync(path, ct);
        }
        catch (UnauthorizedAccessException) when (Directory.Exists(path))
        {
            throw ChildctlException.InvalidInput($"-f {path} is a folder: give the path of a ClusterDeployment manifest (YAML or JSON), or - for stdin");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw ChildctlException.InvalidInput($"-f {path}: no such file; give the path of a ClusterDeployment manifest (YAML or JSON), or - for stdin");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw ChildctlException.InvalidInput($"cannot read {path}: {e.Message}");
        }

        var source = path == "-" ? "stdin" : path;
        var request = Base(context, options) with { Manifest = ManifestReader.Read(text, source), Source = source };
        return await RunAsync(context, options, request, ct);
    }

    private static CreateRequest Base(CliContext context, CreateOptions options) => new()
    {
        Namespace = string.Empty,
        NamespaceExplicit = context.ExplicitNamespace is not null,
        Template = context.Parse.GetValue(options.Template),
        Credential = context.Parse.GetValue(options.Credential),
        ServerDryRun = context.Parse.GetValue(options.DryRun),
        K0rdentDryRun = context.Parse.GetValue(options.K0rdentDryRun),
    };

    private static async Task<int> RunAsync(CliContext context, CreateOptions options, CreateRequest request, CancellationToken ct)
    {
        using var api = LiveView.Connect(context);
        request = request with { Namespace = Lifecycle.Namespace(context, api, "create") };
        var recorder = await Lifecycle.RecorderAsync(context, api, context.Parse.GetValue(options.Reason), ct);
        var result = await new CreateClusterService(api, recorder).CreateAsync(request, ct);
        await NarrateAsync(context, result);
        if (result.ServerDryRun)
        {
            await WriteManifestAsync(context, result);
            await context.Host.Err.WriteLineAsync("Server-side dry run passed; nothing was created.");
            return ExitCodes.Success;
        }

        await WriteCreatedAsync(context, result);
        if (context.Parse.GetValue(options.Wait))
        {
            var timeout = context.Parse.GetValue(options.Timeout) ?? Lifecycle.DefaultWaitTimeout;
            await WaitCommand.RunAsync(context, api, recorder,
                new WaitRequest(result.Namespace, result.Name, WaitGoal.Ready, timeout, recorder.Operation.StartedAt, result.Uid), ct);
        }

        return ExitCodes.Success;
    }

    private static Task NarrateAsync(CliContext context, CreateResult result)
    {
        var template = result.TemplateDefaulted ? $"{result.Template} (newest valid)" : result.Template;
        var credential = result.CredentialDefaulted ? $"{result.Credential} (the ready one)" : result.Credential;
        return context.Host.Err.WriteLineAsync($"Template {template}, credential {credential}, namespace {result.Namespace}.");
    }

    private static Task WriteManifestAsync(CliContext context, CreateResult result)
    {
        var manifest = System.Text.Json.JsonDocument.Parse(result.Manifest.ToJsonString()).RootElement;
        var format = context.Output is OutputFormat.Json or OutputFormat.Name ? context.Output : OutputFormat.Yaml;
        return ObjectOutput.WriteOneAsync(context.Host.Out, format, K0rdentKinds.ClusterDeployment, manifest);
    }

    private static Task WriteCreatedAsync(CliContext context, CreateResult result) =>
        ObjectOutput.Handles(context.Output)
            ? ObjectOutput.WriteOneAsync(context.Host.Out, context.Output, K0rdentKinds.ClusterDeployment, result.ServerObject)
            : context.Host.Out.WriteLineAsync($"{Lifecycle.ObjectName(result.Name)} created");
}
