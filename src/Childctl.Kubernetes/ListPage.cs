using System.Text.Json;

namespace Childctl.Kubernetes;

/// <summary>
/// One page of a list as it arrives: the <c>continue</c> token is known as soon as the list's metadata has been
/// read (the API server sends it before <c>items</c>), so the next page can be requested while this one's body is
/// still streaming in; <see cref="Body"/> completes when the whole page is parsed. The reader owns the document.
/// </summary>
internal sealed record ListPage(string? Continue, Task<JsonDocument> Body);
