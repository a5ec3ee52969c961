using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Shipshape.Deploy.Tests.Platform.Jenkins;

/// <summary>JCasC: the build and deploy jobs from our repository, the chart-made Kubernetes cloud, pinned plugins.</summary>
public sealed partial class JenkinsConfigurationAsCodeTests
{
    private static readonly string[] JcascRoots = ["jenkins", "jobs", "unclassified", "credentials", "security", "tool"];

    private static readonly string[] RequiredPlugins = ["configuration-as-code", "job-dsl", "kubernetes", "workflow-aggregator", "git"];

    private readonly YamlMappingNode _values = JenkinsFiles.Values();

    [Fact]
    public void EveryConfigScriptIsYamlWithOnlyRootsJcascKnows()
    {
        var roots = JobDsl.ConfigScripts(_values).Values.SelectMany(script => script.Children.Keys.Select(k => ((YamlScalarNode)k).Value)).ToList();

        Assert.NotEmpty(roots);
        Assert.All(roots, root => Assert.Contains(root, JcascRoots));
    }

    [Fact]
    public void TheBuildAndDeployJobsRunTheJenkinsfilesUnderCi()
    {
        var jobs = JobDsl.PipelineJobs(_values).ToDictionary(j => j.Name, j => j.ScriptPath);

        Assert.Equal(new Dictionary<string, string> { ["echo-build"] = "ci/build.Jenkinsfile", ["echo-deploy"] = "ci/deploy.Jenkinsfile" }, jobs);
        Assert.All(jobs.Values, path => Assert.True(File.Exists(Repository.Path(path.Split('/'))), $"{path} does not exist"));
        var jenkinsfiles = Directory.EnumerateFiles(Repository.Path("ci"), "*.Jenkinsfile").Select(f => "ci/" + Path.GetFileName(f));
        Assert.Equal(jenkinsfiles.Order(StringComparer.Ordinal), jobs.Values.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheJobsCloneTheRepositoryAndRevisionTheControllerIsGiven()
    {
        var environment = JenkinsFiles.Items(_values, "controller", "containerEnv")
            .ToDictionary(env => JenkinsFiles.Text(env, "name"), env => JenkinsFiles.Text(env, "value"));

        Assert.All(JobDsl.PipelineJobs(_values), job =>
        {
            // JCasC resolves ${NAME} from the controller's environment before Job DSL runs the script.
            Assert.StartsWith("https://", environment[VariableOf(job.RepositoryUrl)], StringComparison.Ordinal);
            Assert.NotEmpty(environment[VariableOf(job.Branch)]);
        });
        Assert.Equal(GroupVarsTemplate.Variable("platform_git_repo_url"), environment["SHIPSHAPE_GIT_URL"]);
        Assert.Equal(GroupVarsTemplate.Variable("platform_git_revision"), environment["SHIPSHAPE_GIT_REVISION"]);
    }

    private static string VariableOf(string value) =>
        JcascVariable().Match(value) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"{value} is not one ${{NAME}}");

    [Fact]
    public void TheChartGeneratesTheKubernetesCloudAndNoScriptReplacesIt()
    {
        Assert.Equal("true", JenkinsFiles.Text(_values, "controller", "JCasC", "defaultConfig"));
        Assert.NotEqual("false", JenkinsFiles.Find(_values, "agent", "enabled") is YamlScalarNode { Value: { } enabled } ? enabled : "true");
        Assert.All(JobDsl.ConfigScripts(_values).Values, script => Assert.Null(JenkinsFiles.Find(script, "jenkins", "clouds")));
    }

    [Fact]
    public void EveryPluginIsPinnedToOneVersionAndTheJobsPluginsAreAllThere()
    {
        var plugins = JenkinsFiles.Items(_values, "controller", "installPlugins")
            .Concat(JenkinsFiles.Items(_values, "controller", "additionalPlugins"))
            .Select(p => ((YamlScalarNode)p).Value!)
            .ToList();

        Assert.All(plugins, plugin => Assert.Matches(PinnedPlugin(), plugin));
        var names = plugins.Select(p => p.Split(':')[0]).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(RequiredPlugins, required => Assert.Contains(required, names));
    }

    [GeneratedRegex(@"^\$\{([A-Z_][A-Z0-9_]*)\}$")]
    private static partial Regex JcascVariable();

    [GeneratedRegex(@"^[a-z0-9-]+:[0-9][0-9A-Za-z._-]*$")]
    private static partial Regex PinnedPlugin();
}
