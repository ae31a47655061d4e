namespace Childctl.Sandbox.Api.Validation.Cel;

/// <summary>A parsed CEL expression of the subset the sandbox evaluates (see <see cref="CelParser"/>).</summary>
internal abstract record CelNode
{
    public sealed record Literal(object? Value) : CelNode;

    public sealed record Identifier(string Name) : CelNode;

    public sealed record Select(CelNode Operand, string Field) : CelNode;

    public sealed record Index(CelNode Operand, CelNode Key) : CelNode;

    /// <summary>A global call (<c>size(x)</c>, the <c>has(x.f)</c> macro) or, with a target, a method (<c>x.startsWith(y)</c>).</summary>
    public sealed record Call(string Function, CelNode? Target, IReadOnlyList<CelNode> Args) : CelNode;

    public sealed record Unary(string Operator, CelNode Operand) : CelNode;

    public sealed record Binary(string Operator, CelNode Left, CelNode Right) : CelNode;

    public sealed record Conditional(CelNode Test, CelNode Then, CelNode Else) : CelNode;

    public sealed record ListLiteral(IReadOnlyList<CelNode> Items) : CelNode;

    /// <summary>Whether the expression refers to <c>oldSelf</c> (a transition rule, evaluated only on updates).</summary>
    public bool UsesOldSelf => this switch
    {
        Identifier i => i.Name == "oldSelf",
        Select s => s.Operand.UsesOldSelf,
        Index x => x.Operand.UsesOldSelf || x.Key.UsesOldSelf,
        Call c => (c.Target?.UsesOldSelf ?? false) || c.Args.Any(a => a.UsesOldSelf),
        Unary u => u.Operand.UsesOldSelf,
        Binary b => b.Left.UsesOldSelf || b.Right.UsesOldSelf,
        Conditional c => c.Test.UsesOldSelf || c.Then.UsesOldSelf || c.Else.UsesOldSelf,
        ListLiteral l => l.Items.Any(i => i.UsesOldSelf),
        _ => false,
    };
}
