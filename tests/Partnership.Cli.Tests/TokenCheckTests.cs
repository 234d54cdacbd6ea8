using Partnership.Security;
using Partnership.Testing;

namespace Partnership.Cli.Tests;

/// <summary>Issue 21: <c>token</c> refuses an area or role it would otherwise mint into a token every service refuses.</summary>
public sealed class TokenCheckTests
{
    private readonly StringWriter _out = new();
    private readonly StringWriter _error = new();

    private Task<int> Token(params string[] options) => CliApp.RunAsync(["token", "--agency", "Bradford CSP", .. options], _out, _error, new CliOptions());

    [Fact]
    public async Task Token_UnknownArea_NamesItAndMintsNothing()
    {
        var exit = await Token("--area", Areas.Bradford, "--area", "E0800032", "--role", Roles.CspSubmitter);

        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.Equal("", _out.ToString());
        Assert.Equal($"--area: 'E0800032' is not an area code the exchange knows; give a district, partnership or force code, e.g. E08000032 (Bradford) or E23000010 (West Yorkshire).{Environment.NewLine}", _error.ToString());
    }

    [Fact]
    public async Task Token_UnknownRole_NamesItAndListsTheRoles()
    {
        var exit = await Token("--area", Areas.Bradford, "--role", "csp-submiter");

        Assert.Equal(ExitCodes.Rejected, exit);
        Assert.Equal("", _out.ToString());
        Assert.Equal($"--role: 'csp-submiter' is not a role; the roles are {string.Join(", ", Roles.All)}.{Environment.NewLine}", _error.ToString());
    }

    [Theory]
    [InlineData(Areas.Bradford)]
    [InlineData(Areas.WestYorkshire)]
    [InlineData(Areas.WestYorkshireCounty)]
    [InlineData(Areas.NorthWorcestershire)]
    public async Task Token_KnownOrRetiredArea_Mints(string area)
    {
        var exit = await Token("--area", area, "--role", Roles.CspSubmitter);

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal("", _error.ToString());
        Assert.Equal(3, _out.ToString().Trim().Split('.').Length);
    }
}
