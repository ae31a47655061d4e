using Childctl.Sandbox.Api.Http;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Api.Selectors;

/// <summary>
/// A parsed labelSelector, with apimachinery's grammar and error messages: comma-separated requirements, all of
/// which must hold — <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c>,
/// <c>!k</c>, <c>k&gt;n</c>, <c>k&lt;n</c>. Keys must be qualified names and values label values. A selector the
/// apiserver refuses is a 400 here too (never "everything", which would make a bulk delete delete everything).
/// </summary>
internal sealed class LabelSelector
{
    public static readonly LabelSelector Everything = new([]);

    private readonly IReadOnlyList<LabelRequirement> _requirements;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => _requirements = requirements;

    public bool IsEverything => _requirements.Count == 0;

    /// <summary>Parses; a malformed selector is a 400 BadRequest carrying the apiserver's message.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return Everything;
        }

        try
        {
            return new LabelSelector(new LabelParser(LabelLexer.Scan(text)).Parse());
        }
        catch (FormatException e)
        {
            throw ApiErrors.BadRequest(e.Message);
        }
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.All(r => r.Matches(labels));

    /// <summary>The recursive-descent parser over the lexer's tokens; errors are FormatExceptions with upstream's text.</summary>
    private sealed class LabelParser(List<(LabelToken Token, string Literal)> items)
    {
        private int _pos;

        public List<LabelRequirement> Parse()
        {
            var requirements = new List<LabelRequirement>();
            while (true)
            {
                var (token, literal) = Peek();
                switch (token)
                {
                    case LabelToken.Identifier or LabelToken.DoesNotExist:
                        requirements.Add(Requirement());
                        var (next, nextLiteral) = Take();
                        if (next == LabelToken.EndOfString)
                        {
                            return requirements;
                        }

                        if (next != LabelToken.Comma)
                        {
                            throw new FormatException($"found '{nextLiteral}', expected: ',' or 'end of string'");
                        }

                        var (after, afterLiteral) = Peek();
                        if (after is not (LabelToken.Identifier or LabelToken.DoesNotExist))
                        {
                            throw new FormatException($"found '{afterLiteral}', expected: identifier after ','");
                        }

                        break;
                    case LabelToken.EndOfString:
                        return requirements;
                    default:
                        throw new FormatException($"found '{literal}', expected: !, identifier, or 'end of string'");
                }
            }
        }

        /// <summary>In the value context "in" and "notin" are plain identifiers, as upstream.</summary>
        private (LabelToken Token, string Literal) Peek(bool values = true) => AsContext(items[_pos], values);

        private (LabelToken Token, string Literal) Take(bool values = true) => AsContext(items[_pos++], values);

        private static (LabelToken, string) AsContext((LabelToken Token, string Literal) item, bool values) =>
            values && item.Token is LabelToken.In or LabelToken.NotIn ? (LabelToken.Identifier, item.Literal) : item;

        private LabelRequirement Requirement()
        {
            try
            {
                return RequirementCore();
            }
            catch (FormatException e)
            {
                throw new FormatException($"unable to parse requirement: {e.Message}");
            }
        }

        private LabelRequirement RequirementCore()
        {
            var (token, key) = Take();
            var op = LabelOperator.Exists;
            var negated = token == LabelToken.DoesNotExist;
            if (negated)
            {
                (token, key) = Take();
                op = LabelOperator.DoesNotExist;
            }

            if (token != LabelToken.Identifier)
            {
                throw new FormatException($"found '{key}', expected: identifier");
            }

            if (KubeNames.QualifiedName(key) is { Count: > 0 } keyErrors)
            {
                throw new FormatException($"<nil>: Invalid value: \"{key}\": {string.Join("; ", keyErrors)}");
            }

            if (Peek().Token is LabelToken.EndOfString or LabelToken.Comma || negated)
            {
                return Validated(key, op, []);
            }

            op = Operator();
            var values = op is LabelOperator.In or LabelOperator.NotIn ? SetValues() : ExactValue();
            return Validated(key, op, values);
        }

        private LabelOperator Operator()
        {
            var (token, literal) = Take(values: false);
            return token switch
            {
                LabelToken.In => LabelOperator.In,
                LabelToken.NotIn => LabelOperator.NotIn,
                LabelToken.EqualsSign or LabelToken.DoubleEquals => LabelOperator.Equals,
                LabelToken.NotEquals => LabelOperator.NotEquals,
                LabelToken.GreaterThan => LabelOperator.GreaterThan,
                LabelToken.LessThan => LabelOperator.LessThan,
                _ => throw new FormatException($"found '{literal}', expected: in, notin, =, ==, !=, gt, lt"),
            };
        }

        private List<string> SetValues()
        {
            var (token, literal) = Take();
            if (token != LabelToken.OpenParen)
            {
                throw new FormatException($"found '{literal}' expected: '('");
            }

            (token, literal) = Peek();
            switch (token)
            {
                case LabelToken.Identifier or LabelToken.Comma:
                    var set = IdentifierList();
                    return Take().Token == LabelToken.ClosedParen ? set : throw new FormatException($"found '{literal}', expected: ')'");
                case LabelToken.ClosedParen:
                    Take();
                    return [""];
                default:
                    throw new FormatException($"found '{literal}', expected: ',', ')' or identifier");
            }
        }

        private List<string> IdentifierList()
        {
            var set = new SortedSet<string>(StringComparer.Ordinal);
            while (true)
            {
                var (token, literal) = Take();
                switch (token)
                {
                    case LabelToken.Identifier:
                        set.Add(literal);
                        var (next, nextLiteral) = Peek();
                        if (next == LabelToken.ClosedParen)
                        {
                            return [.. set];
                        }

                        if (next != LabelToken.Comma)
                        {
                            throw new FormatException($"found '{nextLiteral}', expected: ',' or ')'");
                        }

                        break;
                    case LabelToken.Comma:
                        if (set.Count == 0 || Peek().Token is LabelToken.ClosedParen or LabelToken.Comma)
                        {
                            set.Add("");
                        }

                        if (Peek().Token == LabelToken.ClosedParen)
                        {
                            return [.. set];
                        }

                        break;
                    default:
                        throw new FormatException($"found '{literal}', expected: ',', or identifier");
                }
            }
        }

        private List<string> ExactValue()
        {
            if (Peek().Token is LabelToken.EndOfString or LabelToken.Comma)
            {
                return [""];
            }

            var (token, literal) = Take();
            return token == LabelToken.Identifier ? [literal] : throw new FormatException($"found '{literal}', expected: identifier");
        }

        /// <summary>Upstream's NewRequirement checks: values are label values, Gt/Lt take one integer.</summary>
        private static LabelRequirement Validated(string key, LabelOperator op, List<string> values)
        {
            var errors = new List<string>();
            if (op is LabelOperator.GreaterThan or LabelOperator.LessThan)
            {
                for (var i = 0; i < values.Count; i++)
                {
                    if (!long.TryParse(values[i], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out _))
                    {
                        errors.Add($"values[{i}]: Invalid value: \"{values[i]}\": for 'Gt', 'Lt' operators, the value must be an integer");
                    }
                }
            }

            for (var i = 0; i < values.Count; i++)
            {
                if (KubeNames.LabelValue(values[i]) is { Count: > 0 } valueErrors)
                {
                    errors.Add($"values[{i}][{key}]: Invalid value: \"{values[i]}\": {string.Join("; ", valueErrors)}");
                }
            }

            var distinct = errors.Distinct(StringComparer.Ordinal).ToList();
            return distinct.Count switch
            {
                0 => new LabelRequirement(key, op, values),
                1 => throw new FormatException(distinct[0]),
                _ => throw new FormatException($"[{string.Join(", ", distinct)}]"),
            };
        }
    }
}
