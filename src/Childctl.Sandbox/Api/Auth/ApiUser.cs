namespace Childctl.Sandbox.Api.Auth;

/// <summary>Who a bearer token belongs to, and whether that user may write.</summary>
internal sealed record ApiUser(string Name, IReadOnlyList<string> Groups, bool CanWrite);
