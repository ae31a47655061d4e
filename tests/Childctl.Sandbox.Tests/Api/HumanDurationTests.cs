using Childctl.Sandbox.Api.Tables;

namespace Childctl.Sandbox.Tests.Api;

public sealed class HumanDurationTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(8, "8s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(317, "5m17s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(3 * 3600 + 25 * 60, "3h25m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 4 * 3600, "3d4h")]
    [InlineData(40 * 86400, "40d")]
    [InlineData(800 * 86400, "2y70d")]
    [InlineData(3000 * 86400, "8y")]
    public void Formats_like_kubectl(long seconds, string expected) =>
        Assert.Equal(expected, HumanDuration.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Future_times_beyond_a_second_are_invalid() =>
        Assert.Equal("<invalid>", HumanDuration.Format(TimeSpan.FromSeconds(-5)));
}
