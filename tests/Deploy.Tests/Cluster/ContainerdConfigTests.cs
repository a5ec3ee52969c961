using System.Text.Json;
using System.Text.RegularExpressions;

namespace Shipshape.Deploy.Tests.Cluster;

/// <summary>
/// The config.toml the containerd role writes, derived by Ansible (roles/containerd/vars/main.yml) from the shapes
/// `containerd config default` prints: runc's SystemdCgroup ends up true exactly once, inside runc's options table.
/// </summary>
public sealed class ContainerdConfigTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("shipshape-containerd-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Theory]
    [InlineData("containerd-default-v2.toml")]
    [InlineData("containerd-default-v3.toml")]
    [InlineData("containerd-default-v3-without-systemdcgroup.toml")]
    public void RuncUsesTheSystemdCgroupDriverWhateverTheDefaultPrints(string fixture)
    {
        var defaults = File.ReadAllText(ClusterFiles.Fixture(fixture));
        var written = Derive(defaults);
        var lines = written.Split('\n');

        var line = Assert.Single(lines.Select((text, index) => (text, index)), l => l.text.TrimStart().StartsWith("SystemdCgroup", StringComparison.Ordinal));
        Assert.Equal("SystemdCgroup = true", line.text.Trim());
        var table = lines.Take(line.index).Last(l => l.TrimStart().StartsWith('['));
        Assert.Matches(@"\.containerd\.runtimes\.runc\.options\]$", table.Trim());
        // Nothing else changes.
        Assert.Equal(
            Regex.Replace(defaults.TrimEnd('\n'), @"\n\s*SystemdCgroup = false", ""),
            Regex.Replace(written.TrimEnd('\n'), @"\n\s*SystemdCgroup = true", ""));
    }

    private string Derive(string defaults)
    {
        var variables = Path.Combine(_temp.FullName, "registered.json");
        File.WriteAllText(variables, JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["containerd_default_config"] = new Dictionary<string, string> { ["stdout"] = defaults.TrimEnd('\n') },
        }));
        var output = Path.Combine(_temp.FullName, "config.toml");

        ClusterFiles.RunOk("ansible", [
            "localhost", "-i", "localhost,", "-c", "local",
            "-m", "ansible.builtin.copy", "-a", $"content={{{{ containerd_config_toml }}}} dest={output}",
            "-e", "@" + ClusterFiles.PathOf("roles", "containerd", "vars", "main.yml"),
            "-e", "@" + variables]);

        return File.ReadAllText(output);
    }
}
