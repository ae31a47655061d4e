namespace Childctl.Sandbox.Controller;

/// <summary>
/// FNV-1a over a string: the same value in every process (unlike <see cref="string.GetHashCode()"/>), so
/// names, suffixes and durations derived from a uid stay the same across reconciles and restarts.
/// </summary>
internal static class StableHash
{
    public static uint Of(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return hash;
    }

    public static Random RandomFor(string text) => new(unchecked((int)Of(text)));

    /// <summary>Lower-case letters and digits, as Kubernetes uses in generated name suffixes.</summary>
    public static string Suffix(Random random, int length)
    {
        const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return new string(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
    }

    public static string Hex(Random random, int length) =>
        new(Enumerable.Range(0, length).Select(_ => "0123456789abcdef"[random.Next(16)]).ToArray());
}
