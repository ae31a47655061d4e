using Childctl.Core.Text;

namespace Childctl.Core.Tests.Text;

public class DurationTextTests
{
    [Theory]
    [InlineData(-5, "<invalid>")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(119, "119s")]
    [InlineData(120, "2m")]
    [InlineData(200, "3m20s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(5 * 3600 + 600, "5h10m")]
    [InlineData(30 * 3600, "30h")]
    [InlineData(3 * 86400 + 4 * 3600, "3d4h")]
    [InlineData(10 * 86400, "10d")]
    [InlineData(800 * 86400, "2y70d")]
    [InlineData(9 * 365 * 86400, "9y")]
    public void Age_WhenFormatted_MatchesKubectl(long seconds, string expected)
    {
        Assert.Equal(expected, DurationText.Age(TimeSpan.FromSeconds(seconds)));
    }
}
