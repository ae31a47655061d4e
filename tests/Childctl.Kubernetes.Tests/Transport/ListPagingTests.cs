using System.Text.RegularExpressions;
using Childctl.Testing;

namespace Childctl.Kubernetes.Tests.Transport;

/// <summary>
/// Paged lists against a stub that serves each page by its <c>continue</c> token: pages are requested ahead of the one
/// being read, yet every page is asked for once and handed over in order, whether the token comes before the items (as
/// the API server sends it) or only after them.
/// </summary>
public sealed partial class ListPagingTests : IAsyncDisposable
{
    private readonly StubApi _stub = new();

    public async ValueTask DisposeAsync() => await _stub.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ForEachPage_WhenTheListHasFivePages_AsksForEachOnceAndHandsThemOverInOrder(bool tokenFirst)
    {
        _stub.Respond = r => (200, Page(TokenOf(r), pages: 5, tokenFirst));
        using var api = new ApiClient(KubeconfigResolver.Resolve(_stub.Kubeconfig(), null, null, _ => null), new ApiOptions { MaxReadRetries = 0 });
        var names = new List<string>();

        await api.ForEachPageAsync(TestKinds.ClusterDeployment, "ns", null, items =>
        {
            names.AddRange(items.Select(i => i.GetProperty("metadata").GetProperty("name").GetString()!));
            return ValueTask.CompletedTask;
        }, CancellationToken.None, pageSize: 1);

        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], names);
        Assert.Equal([string.Empty, "t1", "t2", "t3", "t4"], _stub.ApiRequests.Select(TokenOf).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_WhenAPageAfterTheFirstFails_ThrowsThatErrorAndAsksNoFurther()
    {
        _stub.Respond = r => TokenOf(r) == "t2" ? (500, """{"kind":"Status","status":"Failure","message":"etcd is unhappy","code":500}""") : (200, Page(TokenOf(r), pages: 5, tokenFirst: true));
        using var api = new ApiClient(KubeconfigResolver.Resolve(_stub.Kubeconfig(), null, null, _ => null), new ApiOptions { MaxReadRetries = 0, PageSize = 1 });

        var error = await Assert.ThrowsAnyAsync<KubernetesException>(() => api.ListAsync(TestKinds.ClusterDeployment, "ns", null, CancellationToken.None));

        Assert.Contains("etcd is unhappy", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("t3", _stub.ApiRequests.Select(TokenOf));
    }

    /// <summary>Page n of a list of one object per page: token "" for the first, "tN" for page N; the last has no continue.</summary>
    private static string Page(string token, int pages, bool tokenFirst)
    {
        var n = token.Length == 0 ? 0 : int.Parse(token[1..], System.Globalization.CultureInfo.InvariantCulture);
        var metadata = n + 1 < pages ? $$"""{"resourceVersion":"7","continue":"t{{n + 1}}"}""" : """{"resourceVersion":"7"}""";
        var items = $$$"""[{"metadata":{"name":"c{{{n}}}","namespace":"ns"}}]""";
        return tokenFirst
            ? $$"""{"kind":"ClusterDeploymentList","apiVersion":"v1","metadata":{{metadata}},"items":{{items}}}"""
            : $$"""{"kind":"ClusterDeploymentList","apiVersion":"v1","items":{{items}},"metadata":{{metadata}}}""";
    }

    private static string TokenOf(SeenRequest r) => ContinueParameter().Match(r.Head) is { Success: true } m ? Uri.UnescapeDataString(m.Groups[1].Value) : string.Empty;

    [GeneratedRegex("[?&]continue=([^& ]*)")]
    private static partial Regex ContinueParameter();
}
