using Childctl.Testing;

namespace Childctl.History.Tests.Legacy;

/// <summary>A writable copy of testdata/legacy/&lt;folder&gt; plus an empty history root.</summary>
internal sealed class LegacyFixture : IDisposable
{
    private readonly TempDirectory _dir = new("childctl-legacy");

    public LegacyFixture(params string[] folders)
    {
        foreach (var folder in folders)
        {
            var source = Path.Combine(AppContext.BaseDirectory, "testdata", "legacy", folder);
            Directory.CreateDirectory(_dir.Combine(folder));
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, _dir.Combine(folder, Path.GetFileName(file)));
            }
        }

        History = _dir.Combine("history");
    }

    public string History { get; }

    public string Folder(string name) => _dir.Combine(name);

    public void Dispose() => _dir.Dispose();
}
