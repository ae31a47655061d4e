namespace Childctl.Kubernetes.Tests.Transport;

/// <summary>
/// The test assembly's entry point (the test SDK's generated one is switched off), for tests that need childctl's client
/// in a fresh process: .NET reads the system trust store (SSL_CERT_FILE, SSL_CERT_DIR) once per process, so each cell of
/// the TLS matrix runs as <c>dotnet Childctl.Kubernetes.Tests.dll probe KUBECONFIG</c> with its own environment. It
/// GETs one object and prints "ok", or the error's kind and message; the exit code is 0 or 1.
/// </summary>
public static class ProbeProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["probe", var kubeconfig])
        {
            await Console.Error.WriteLineAsync("usage: probe KUBECONFIG (the test runner loads this assembly itself)");
            return 2;
        }

        try
        {
            using var api = new ApiClient(KubeconfigResolver.Resolve(kubeconfig, null, null, Environment.GetEnvironmentVariable), new ApiOptions { MaxReadRetries = 0 });
            await api.GetAsync(TestKinds.ClusterDeployment, "ns", "x", CancellationToken.None);
            Console.WriteLine("ok");
            return 0;
        }
        catch (KubernetesException e)
        {
            Console.WriteLine($"{e.Kind}: {e.Message}");
            return 1;
        }
    }

    /// <summary>Runs the probe in a new process with <paramref name="environment"/> added to this one's.</summary>
    public static Task<Childctl.Testing.KubectlResult> RunAsync(string kubeconfig, IReadOnlyDictionary<string, string?> environment)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        return Childctl.Testing.ChildProcess.RunAsync(dotnet, [typeof(ProbeProgram).Assembly.Location, "probe", kubeconfig], environment);
    }
}
