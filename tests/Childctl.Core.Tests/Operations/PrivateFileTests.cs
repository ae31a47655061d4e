using Childctl.Core.Errors;
using Childctl.Core.Operations.Kubeconfig;

namespace Childctl.Core.Tests.Operations;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PrivateFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("childctl-private-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Write_WhenTheFileIsNew_CreatesItAndItsFoldersOwnerOnly()
    {
        var path = Path.Combine(_dir, "sub", "kc.yaml");

        await PrivateFile.WriteAsync(path, "secret", overwrite: false, CancellationToken.None);

        Assert.Equal("secret", await File.ReadAllTextAsync(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public async Task Write_WhenTheFileExistsWithoutForce_RefusesToOverwrite()
    {
        var path = Path.Combine(_dir, "kc.yaml");
        await File.WriteAllTextAsync(path, "keep");

        var error = await Assert.ThrowsAsync<ChildctlException>(() => PrivateFile.WriteAsync(path, "new", overwrite: false, CancellationToken.None));

        Assert.Equal(ErrorKind.InvalidInput, error.Kind);
        Assert.Contains("--force", error.Message, StringComparison.Ordinal);
        Assert.Equal("keep", await File.ReadAllTextAsync(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public async Task Write_WhenForced_ReplacesAWideFileWithAnOwnerOnlyOne()
    {
        var path = Path.Combine(_dir, "kc.yaml");
        await File.WriteAllTextAsync(path, "old");
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);

        await PrivateFile.WriteAsync(path, "new", overwrite: true, CancellationToken.None);

        Assert.Equal("new", await File.ReadAllTextAsync(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }
}
