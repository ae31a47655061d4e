using Childctl.History.Codec;

namespace Childctl.Core.Text;

/// <summary>
/// The one rule for writing a YAML scalar, history's own (<see cref="YamlScalars"/>): plain only for identifiers, names
/// and words that no YAML reader could take for a number, boolean or null; double-quoted with escapes otherwise, always
/// on one line. <c>-o yaml</c> writes objects with it too, so every YAML childctl prints reads back as the same text.
/// </summary>
public static class YamlText
{
    public static string Scalar(string text) => YamlScalars.Format(text);
}
