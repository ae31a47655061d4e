namespace Childctl.History.Storage;

/// <summary>Path facts for error messages that say what is wrong in words instead of quoting the system's exception.</summary>
public static class FilePaths
{
    /// <summary>The file that stands where <paramref name="path"/> or one of its parent folders should be, if any.</summary>
    public static string? FileInTheWay(string path)
    {
        for (var p = path; !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
        {
            if (File.Exists(p))
            {
                return p;
            }
        }

        return null;
    }
}
