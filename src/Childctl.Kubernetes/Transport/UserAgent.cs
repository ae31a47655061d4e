using System.Reflection;
using System.Runtime.InteropServices;

namespace Childctl.Kubernetes.Transport;

/// <summary>
/// childctl's User-Agent: <c>childctl/&lt;version&gt; (&lt;os&gt;/&lt;arch&gt;)</c> with the running program's
/// informational version and Go's names for the platform (linux/amd64, darwin/arm64), as kubectl writes its own, so that
/// audit logs and API priority and fairness rules can match either the same way.
/// </summary>
internal static class UserAgent
{
    public static readonly string Default = For(Assembly.GetEntryAssembly() ?? typeof(UserAgent).Assembly);

    public static string For(Assembly program)
    {
        ArgumentNullException.ThrowIfNull(program);
        var version = program.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        return $"childctl/{Token(version)} ({Os()}/{Architecture()})";
    }

    private static string Os() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "windows" : "unknown";

    private static string Architecture() => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "arm64",
        System.Runtime.InteropServices.Architecture.X86 => "386",
        System.Runtime.InteropServices.Architecture.Arm => "arm",
        var other => other.ToString().ToLowerInvariant(),
    };

    /// <summary>Keeps only characters an HTTP product token allows.</summary>
    private static string Token(string text) =>
        new(text.Where(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal)).ToArray());
}
