using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform.Jenkins;

/// <summary>The pipelines run what a laptop runs: every sh step calls a script of this repository (or helm on our chart).</summary>
public sealed class JenkinsfileTests
{
    // Commands a step may run besides the repository's scripts: helm as deploy/charts/echo/README.md installs the chart.
    private static readonly string[] Tools = ["helm"];

    private static readonly string[] RepositoryPrefixes = ["./", ".ci/", "ci/", "scripts/", "deploy/", "src/"];

    private readonly YamlMappingNode _values = JenkinsFiles.Values();

    public static TheoryData<string> Pipelines => ["ci/build.Jenkinsfile", "ci/deploy.Jenkinsfile"];

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void EveryShStepRunsARepositoryScriptOrHelm(string path)
    {
        var jenkinsfile = Jenkinsfile.Load(path);

        Assert.NotEmpty(jenkinsfile.ShellSteps);
        foreach (var command in jenkinsfile.ShellSteps.SelectMany(Jenkinsfile.Commands))
        {
            // Leading NAME=value words only set the command's environment.
            var program = Jenkinsfile.Words(command).SkipWhile(w => w.Contains('=', StringComparison.Ordinal)).First();
            if (!Tools.Contains(program))
            {
                Assert.True(IsRepositoryPath(program), $"{path}: `{command}` runs {program}, neither a repository script nor one of {string.Join(", ", Tools)}");
                var file = Repository.Path(Normalise(program));
                Assert.True(File.Exists(file), $"{path}: `{command}` runs {program}, which does not exist");
                Assert.True(OperatingSystem.IsWindows() || (File.GetUnixFileMode(file) & UnixFileMode.UserExecute) != 0, $"{path}: {program} is not executable");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void EveryRepositoryPathAShStepNamesExistsWithTheJobsDefaults(string path)
    {
        var jenkinsfile = Jenkinsfile.Load(path);
        var variables = Variables(jenkinsfile, path);

        var paths = jenkinsfile.ShellSteps.SelectMany(Jenkinsfile.Commands)
            .SelectMany(Jenkinsfile.Words)
            .Select(word => Jenkinsfile.Expand(word, variables))
            .Where(IsRepositoryPath)
            .ToList();

        Assert.NotEmpty(paths);
        Assert.All(paths, p => Assert.True(File.Exists(Repository.Path(Normalise(p))) || Directory.Exists(Repository.Path(Normalise(p))), $"{path} names {p}, which does not exist"));
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void TheAgentIsAPodTemplateOfTheCloudAndStepsRunInOneOfItsContainers(string path)
    {
        var jenkinsfile = Jenkinsfile.Load(path);

        var template = Assert.Single(JenkinsFiles.AdditionalAgents(_values).Values, a => JenkinsFiles.Text(a, "podName") == jenkinsfile.InheritFrom);
        var containers = JenkinsFiles.Items(template, "additionalContainers").Select(c => JenkinsFiles.Text(c, "sideContainerName"));
        Assert.Contains(jenkinsfile.DefaultContainer, containers);
    }

    [Fact]
    public void TheDeployAgentMayChangeExactlyTheNamespaceTheDeployPipelineInstallsInto()
    {
        var deploy = Jenkinsfile.Load("ci/deploy.Jenkinsfile");
        var account = JenkinsFiles.Text(JenkinsFiles.AdditionalAgents(_values)[deploy.InheritFrom], "serviceAccount");
        var objects = Manifests.Load(JenkinsFiles.DeployerPath);

        var bindings = objects.Where(o => JenkinsFiles.Text(o, "kind") == "RoleBinding").ToList();
        Assert.NotEmpty(bindings);
        Assert.All(bindings, binding =>
        {
            Assert.Equal(deploy.Environment["NAMESPACE"], JenkinsFiles.Text(binding, "metadata", "namespace"));
            var subject = JenkinsFiles.StringMap(Assert.Single(JenkinsFiles.Items(binding, "subjects")));
            Assert.Equal(account, subject["name"]);
            Assert.Equal(JenkinsFiles.Text(JenkinsFiles.Release(), "namespace"), subject["namespace"]);
        });
        Assert.Contains(objects, o => JenkinsFiles.Text(o, "kind") == "ServiceAccount" && JenkinsFiles.Text(o, "metadata", "name") == account);
        Assert.DoesNotContain(objects, o => JenkinsFiles.Text(o, "kind") is "ClusterRoleBinding");
    }

    private Dictionary<string, string> Variables(Jenkinsfile jenkinsfile, string path)
    {
        var job = Assert.Single(JobDsl.PipelineJobs(_values), j => j.ScriptPath == path);
        var variables = new Dictionary<string, string>(job.Parameters);
        foreach (var (name, value) in jenkinsfile.Environment)
        {
            variables[name] = value;
        }

        return variables;
    }

    private static bool IsRepositoryPath(string word) => RepositoryPrefixes.Any(prefix => word.StartsWith(prefix, StringComparison.Ordinal));

    private static string Normalise(string path) => path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
}
