namespace Shipshape.Deploy.Tests.Cluster;

/// <summary>
/// The base role run for real against this machine in check mode (-i localhost, -c local --check): Ansible reads the
/// machine's fstab, sysctls and limits files and reports what it would change, changing nothing.
/// </summary>
public sealed class BaseRoleCheckModeTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("shipshape-base-check-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void BaseRoleSucceedsInCheckModeOnThisMachineAndChangesNothing()
    {
        var playbook = Path.Combine(_temp.FullName, "check-base.yml");
        File.WriteAllText(playbook, """
            - name: The base role in check mode
              hosts: localhost
              gather_facts: true
              roles:
                - base
            """);
        string[] sysctlFile = ["/etc/sysctl.d/90-shipshape.conf", "/etc/security/limits.d/90-shipshape.conf"];
        var before = sysctlFile.ToDictionary(f => f, File.Exists);
        // modprobe (even `modprobe -n` in check mode) needs /proc/modules and the running kernel's /lib/modules; containers
        // and sandboxes such as gVisor have neither: there, and only there, the kernel-module task is left out.
        string[] skip = KernelModulesReadable() ? [] : ["--skip-tags", "kernel_modules"];

        var result = ClusterFiles.RunOk("ansible-playbook", [
            "-i", "localhost,", "-c", "local", "--check", "--diff", playbook,
            "-e", "@" + ClusterFiles.PathOf("group_vars", "all.yml"), .. skip],
            environment: new Dictionary<string, string> { ["ANSIBLE_ROLES_PATH"] = ClusterFiles.PathOf("roles") });

        Assert.Matches(@"localhost\s*: ok=\d+\s+changed=\d+\s+unreachable=0\s+failed=0", result.Stdout);
        Assert.Contains("Set the sysctls in /etc/sysctl.d", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Raise the open-files and process limits", result.Stdout, StringComparison.Ordinal);
        Assert.All(sysctlFile, f => Assert.Equal(before[f], File.Exists(f)));
        if (skip.Length == 0)
        {
            Assert.Contains("Load the kernel modules", result.Stdout, StringComparison.Ordinal);
        }
    }

    private static bool KernelModulesReadable() =>
        File.Exists("/proc/modules")
        && File.Exists("/proc/sys/kernel/osrelease")
        && Directory.Exists(Path.Combine("/lib/modules", File.ReadAllText("/proc/sys/kernel/osrelease").Trim()));
}
