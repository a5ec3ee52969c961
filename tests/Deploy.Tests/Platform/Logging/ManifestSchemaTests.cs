using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Logging;

/// <summary>Every object the logging releases apply matches its schema exactly: core kinds through check-schemas.mjs,
/// ECK's kinds through the vendored CRD schemas. No object goes unchecked.</summary>
public sealed class ManifestSchemaTests : IDisposable
{
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("platform-logging-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void CoreObjectsPassCheckSchemas()
    {
        var files = new List<string>();
        var objectCount = 0;
        foreach (var manifest in LoggingFiles.Manifests())
        {
            var objects = LoggingFiles.Objects(manifest);
            if (objects.All(o => ElasticCrds.For((string)o["apiVersion"]!, o.Kind()) is not null))
            {
                continue;
            }

            var file = Path.Combine(_temp.FullName, Path.GetFileName(manifest));
            File.WriteAllText(file, LoggingFiles.Render(manifest));
            files.Add(file);
            objectCount += objects.Count;
        }

        var check = Tools.RunScript("check-schemas.mjs", files);

        Assert.Equal(4, files.Count);
        Assert.True(check.ExitCode == 0, check.Describe());
        Assert.Matches($@"check-schemas: {objectCount} objects typed, 0 errors, 0 warnings", check.Stdout);
    }

    [Fact]
    public void ElasticObjectsMatchTheCrdsOfThePinnedOperator()
    {
        var elastic = LoggingFiles.Manifests()
            .SelectMany(m => LoggingFiles.Objects(m).Select(o => (Manifest: m, Object: o)))
            .Select(x => (x.Manifest, x.Object, Schema: ElasticCrds.For((string)x.Object["apiVersion"]!, x.Object.Kind())))
            .Where(x => x.Schema is not null)
            .ToList();

        Assert.Equal(["Elasticsearch", "Kibana"], elastic.Select(x => x.Object.Kind()).Order(StringComparer.Ordinal));
        Assert.All(elastic, x => Assert.True(x.Schema!.Validate(x.Object).Count == 0,
            $"{x.Manifest}:\n{string.Join('\n', x.Schema.Validate(x.Object))}"));
    }

    [Fact]
    public void EachManifestFileHoldsOnlyCoreOrOnlyElasticObjects() =>
        Assert.All(LoggingFiles.Manifests(), manifest =>
        {
            var objects = LoggingFiles.Objects(manifest);
            Assert.NotEmpty(objects);
            Assert.True(objects.All(o => ElasticCrds.For((string)o["apiVersion"]!, o.Kind()) is null)
                || objects.All(o => ElasticCrds.For((string)o["apiVersion"]!, o.Kind()) is not null), manifest);
        });
}
