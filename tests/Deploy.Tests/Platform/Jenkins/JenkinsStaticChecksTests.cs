using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Jenkins;

/// <summary>Linters and key checks of the Jenkins files; each must pass without findings.</summary>
public sealed class JenkinsStaticChecksTests : IDisposable
{
    // Item keys of agent.additionalContainers that templates/_helpers.tpl (jenkins.casc.podTemplate) reads; values.yaml
    // shows them only in a comment.
    private static readonly string[] AdditionalContainerKeys =
    [
        "sideContainerName", "image", "image.repository", "image.tag", "command", "args", "privileged", "alwaysPullImage",
        "resources", "resources.requests", "resources.requests.cpu", "resources.requests.memory", "resources.limits",
        "resources.limits.cpu", "resources.limits.memory", "runAsUser", "runAsGroup", "TTYEnabled", "workingDir", "jenkinsUrl",
    ];

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("shipshape-jenkins-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void TheJenkinsfilesPassGroovyLintWithoutAWarning()
    {
        var result = GroovyLint(["--failon", "warning", "--config", Repository.Path("ci", ".groovylintrc.json"),
            Repository.Path("ci", "build.Jenkinsfile"), Repository.Path("ci", "deploy.Jenkinsfile")]);

        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Fact]
    public void TheJobDslScriptsParseAsGroovy()
    {
        // Only errors count: the ${…} in single quotes is JCasC's variable, resolved before Job DSL runs.
        var files = JobDsl.Scripts(JenkinsFiles.Values()).Select((script, i) =>
        {
            var file = Path.Combine(_temp.FullName, $"jobs-{i}.groovy");
            File.WriteAllText(file, script);
            return file;
        }).ToList();

        var result = GroovyLint(["--failon", "error", .. files]);

        Assert.NotEmpty(files);
        Assert.True(result.ExitCode == 0, result.Describe());
    }

    [Fact]
    public void EveryAdditionalAgentKeyIsAnAgentKeyOfThePinnedChart()
    {
        var keys = ChartKeyFixture.Load("jenkins", JenkinsFiles.ChartVersion).Keys;
        var agentPaths = ValueKeyPaths.Of(GroupVarsTemplate.Render(File.ReadAllText(JenkinsFiles.ValuesPath)))
            .Where(p => p.StartsWith("additionalAgents.", StringComparison.Ordinal) && p.Count(c => c == '.') >= 2)
            .Select(p => "agent." + p.Split('.', 3)[2])
            .ToList();

        var unknown = agentPaths.Where(path => !keys.Contains(path) && !IsAdditionalContainerKey(path)).ToList();

        Assert.NotEmpty(agentPaths);
        Assert.Empty(unknown);
    }

    private static bool IsAdditionalContainerKey(string path)
    {
        const string prefix = "agent.additionalContainers[]";
        return path == "agent.additionalContainers" || path == prefix
            || (path.StartsWith(prefix + ".", StringComparison.Ordinal) && AdditionalContainerKeys.Contains(path[(prefix.Length + 1)..]));
    }

    private static CommandResult GroovyLint(IReadOnlyList<string> arguments)
    {
        // npm-groovy-lint 16.2.0 (17+ needs Node 22) from node_modules; NPM_GROOVY_LINT names another install.
        var linter = Environment.GetEnvironmentVariable("NPM_GROOVY_LINT") is { Length: > 0 } configured
            ? configured
            : Repository.Path("node_modules", ".bin", "npm-groovy-lint");
        Assert.True(File.Exists(linter), $"{linter} is missing: npm-groovy-lint@16.2.0 belongs in package.json (scripts/install-deps.sh installs it)");
        return Command.Run(linter, ["--noserver", .. arguments], Repository.Root, timeout: TimeSpan.FromMinutes(3));
    }
}
