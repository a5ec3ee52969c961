using Shipshape.Policy.Manifests;

namespace Shipshape.Cli.Tests.Manifests;

public sealed class ManifestSourcesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("shipshape-sources-").FullName;

    [Fact]
    public void ADirectoryGivesItsManifestFilesBelowInOrdinalOrderSkippingHiddenOnes()
    {
        Write("b.yml", "Z.json", "a/z.yaml", "a/B.YAML", "notes.txt", ".git/config.yaml", "a/.draft.yaml");

        var names = ManifestSources.Expand([_root], () => TextReader.Null).Select(s => Path.GetRelativePath(_root, s.Name));

        Assert.Equal(["Z.json", "a/B.YAML", "a/z.yaml", "b.yml"], names);
    }

    [Fact]
    public void DashIsStandardInput()
    {
        var source = Assert.Single(ManifestSources.Expand(["-"], () => new StringReader("kind: List\n")));

        Assert.Equal("<stdin>", source.Name);
        Assert.Equal("kind: List\n", source.ReadText());
    }

    [Fact]
    public void AMissingFileAndADirectoryWithoutManifestsFailWhenRead()
    {
        Write("empty/notes.txt");
        var missing = Path.Combine(_root, "missing.yaml");

        var sources = ManifestSources.Expand([missing, Path.Combine(_root, "empty")], () => TextReader.Null).ToList();

        Assert.Equal("no such file or directory", Assert.Throws<IOException>(() => sources[0].ReadText()).Message);
        Assert.Equal("no *.yaml, *.yml, *.json files in this directory or below", Assert.Throws<IOException>(() => sources[1].ReadText()).Message);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private void Write(params string[] paths)
    {
        foreach (var path in paths)
        {
            var full = Path.Combine(_root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, "");
        }
    }
}
