namespace Childctl.Sandbox.Api.Auth;

/// <summary>
/// Who a request acts as, after authentication and impersonation: the user name, uid, groups and extra values,
/// which are what authorization and the self-subject reviews see.
/// </summary>
internal sealed record ApiUser(string Name, IReadOnlyList<string> Groups, string Uid = "", IReadOnlyDictionary<string, IReadOnlyList<string>>? Extra = null)
{
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ExtraValues => Extra ?? new Dictionary<string, IReadOnlyList<string>>();
}
