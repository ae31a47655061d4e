using System.Runtime.CompilerServices;
using Xunit;

namespace Childctl.Testing;

/// <summary>
/// A fact that needs the real upstream k0rdent CRDs (<see cref="RepoPaths.UpstreamCrds"/>). Where that folder is
/// absent (any user's clone), the test is reported as skipped with the reason, never silently passed. The reason
/// is also put into the display name, because <c>dotnet test</c> at its default verbosity prints only the names of
/// skipped tests.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UpstreamCrdsFactAttribute : FactAttribute
{
    public UpstreamCrdsFactAttribute([CallerMemberName] string test = "")
    {
        if (!Directory.Exists(RepoPaths.UpstreamCrds))
        {
            Skip = $"the upstream k0rdent CRDs are not beside this clone ({RepoPaths.UpstreamCrds} does not exist); "
                + "this check runs on development machines and in CI, where that folder is present";
            DisplayName = $"{test} [skipped: {Skip}]";
        }
    }
}
