using Childctl.Sandbox.Api.Definitions;
using Childctl.Sandbox.Api.Selectors;
using Childctl.Sandbox.Storage;

namespace Childctl.Sandbox.Tests.Api;

/// <summary>The apiserver's selector grammar and its exact refusals (apimachinery labels.Parse and fields.ParseSelector).</summary>
public sealed class SelectorGrammarTests
{
    private const string QualifiedNameHelp =
        "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";

    private static readonly Dictionary<string, string> Labels = new() { ["env"] = "dev", ["size"] = "5" };

    [Theory]
    [InlineData("!!!==", "unable to parse requirement: found '!', expected: identifier")]
    [InlineData("=x", "found '=', expected: !, identifier, or 'end of string'")]
    [InlineData("x/y/z=1", "unable to parse requirement: <nil>: Invalid value: \"x/y/z\": " + QualifiedNameHelp)]
    [InlineData("env=dev,", "found '', expected: identifier after ','")]
    [InlineData("env in dev", "unable to parse requirement: found 'dev' expected: '('")]
    [InlineData("env dev", "unable to parse requirement: found 'dev', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("!env=dev", "found '=', expected: ',' or 'end of string'")]
    [InlineData("size>x", "unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("env=a b", "found 'b', expected: ',' or 'end of string'")]
    [InlineData("env=-bad", "unable to parse requirement: values[0][env]: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")]
    [InlineData("/x", "unable to parse requirement: <nil>: Invalid value: \"/x\": prefix part must be non-empty")]
    public void Label_selectors_the_apiserver_refuses_are_bad_requests_with_its_words(string selector, string message)
    {
        var e = Assert.Throws<StoreException>(() => LabelSelector.Parse(selector));
        Assert.Equal((400, message), (e.Code, e.Message));
    }

    [Theory]
    [InlineData("size>4", true)]
    [InlineData("size<5", false)]
    [InlineData("env>1", false)]
    [InlineData("env in (dev,)", true)]
    [InlineData("env notin ()", true)]
    [InlineData("  ", true)]
    [InlineData("env=", false)]
    [InlineData("env in (in, notin, dev)", true)]
    public void Label_selector_forms_match_as_upstream(string selector, bool expected) =>
        Assert.Equal(expected, LabelSelector.Parse(selector).Matches(Labels));

    [Theory]
    [InlineData("metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'")]
    [InlineData("=x", "field label not supported: ")]
    [InlineData(" metadata.name=x", "field label not supported:  metadata.name")]
    [InlineData("metadata.name=a=b", "invalid field selector: unescaped character in value: 61")]
    [InlineData("metadata.name=a\\x", "invalid field selector: invalid escape sequence: \\x")]
    [InlineData("spec.template=x", "field label not supported: spec.template")]
    public void Field_selectors_the_apiserver_refuses_are_bad_requests_with_its_words(string selector, string message)
    {
        var def = CoreDefinitions.All.First(d => d.Type == ResourceType.Secret);
        var e = Assert.Throws<StoreException>(() => FieldSelector.Parse(selector, def));
        Assert.Equal((400, message), (e.Code, e.Message));
    }
}
