using System.Text.Json;
using Shipshape.Policy.Manifests;

namespace Shipshape.Cli.Tests.Manifests;

public sealed class ManifestReaderTests
{
    [Fact]
    public void MultiDocumentYamlSkipsEmptyDocumentsAndCommentsButCountsThem()
    {
        const string text = """
            # Source: shop/templates/service.yaml
            ---
            apiVersion: v1
            kind: Service   # a trailing comment
            metadata:
              name: web
            ---
            # Source: shop/templates/pdb.yaml
            ---
            ---
            # only a comment
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: settings
            """;

        var documents = ManifestReader.Read(text, "chart.yaml").ToList();

        Assert.Equal(["chart.yaml: document 1 (line 3)", "chart.yaml: document 4 (line 12)"], documents.Select(d => d.ToString()));
        Assert.Equal("Service", documents[0].Json.GetProperty("kind").GetString());
        Assert.Equal("settings", documents[1].Json.GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public void AJsonObjectIsOneDocument()
    {
        const string text = """
            {
              "apiVersion": "v1",
              "kind": "Pod",
              "metadata": {"name": "p"},
              "spec": {"containers": [{"name": "c", "image": "i:1", "resources": {"requests": {"cpu": 1}}}]}
            }
            """;

        var document = Assert.Single(ManifestReader.Read(text, "pod.json"));

        Assert.Equal("pod.json: document 1 (line 1)", document.ToString());
        var cpu = document.Json.GetProperty("spec").GetProperty("containers")[0].GetProperty("resources").GetProperty("requests").GetProperty("cpu");
        Assert.Equal(JsonValueKind.Number, cpu.ValueKind);
    }

    [Fact]
    public void JsonObjectsInARowAreDocumentsInARow()
    {
        const string text = """
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}}
            """;

        var documents = ManifestReader.Read(text, "<stdin>").ToList();

        Assert.Equal(["<stdin>: document 1 (line 1)", "<stdin>: document 2 (line 2)"], documents.Select(d => d.ToString()));
    }

    [Fact]
    public void AListGivesItsItemsEachNamedByItsIndex()
    {
        const string text = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: first}
            ---
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: Service
                metadata: {name: web}
              - apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
            """;

        var documents = ManifestReader.Read(text, "list.yaml").ToList();

        Assert.Equal(
            ["list.yaml: document 1 (line 1)", "list.yaml: document 2, items[0] (line 8)", "list.yaml: document 2, items[1] (line 11)"],
            documents.Select(d => d.ToString()));
        Assert.Equal("Deployment", documents[2].Json.GetProperty("kind").GetString());
    }

    [Fact]
    public void ATypedListInJsonGivesItsItems()
    {
        const string text = """
            {"apiVersion": "apps/v1", "kind": "DeploymentList", "metadata": {"resourceVersion": "1"}, "items": [
              {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "a"}},
              {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "b"}}
            ]}
            """;

        var documents = ManifestReader.Read(text, "get.json").ToList();

        Assert.Equal(["document 1, items[0]", "document 1, items[1]"], documents.Select(d => d.Location));
        Assert.Equal("b", documents[1].Json.GetProperty("metadata").GetProperty("name").GetString());
    }

    [Fact]
    public void AnEmptyListGivesNothingAndAListWhoseItemsAreNotAListIsAnError()
    {
        Assert.Empty(ManifestReader.Read("apiVersion: v1\nkind: List\nitems: []\n", "empty.yaml"));

        var error = Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Read("apiVersion: v1\nkind: List\nitems: web\n", "odd.yaml").ToList());
        Assert.Equal("odd.yaml: document 1 (line 1): items of a List must be a list, found a string", error.Message);
    }

    [Fact]
    public void AnchorsAndAliasesAreCopiedAndMergeKeysAddWhatAMappingDoesNotSet()
    {
        const string text = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - name: a
                  image: app:1
                  resources: &resources
                    requests: {cpu: 100m, memory: 64Mi}
                - name: b
                  image: app:1
                  resources: *resources
                - <<: {name: ignored, image: base:1}
                  name: c
            """;

        var document = Assert.Single(ManifestReader.Read(text, "anchors.yaml"));

        var containers = document.Json.GetProperty("spec").GetProperty("containers");
        Assert.Equal("64Mi", containers[1].GetProperty("resources").GetProperty("requests").GetProperty("memory").GetString());
        Assert.Equal("c", containers[2].GetProperty("name").GetString());
        Assert.Equal("base:1", containers[2].GetProperty("image").GetString());
    }

    [Fact]
    public void ABrokenDocumentNamesSourceDocumentAndLineAfterTheDocumentsBeforeItWereRead()
    {
        const string text = """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: first}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: second
              labels: {app: web
            data: {}
            """;
        var read = new List<ManifestDocument>();

        var error = Assert.Throws<ManifestSyntaxException>(() =>
        {
            foreach (var document in ManifestReader.Read(text, "deploy/app.yaml"))
            {
                read.Add(document);
            }
        });

        Assert.Equal("first", Assert.Single(read).Json.GetProperty("metadata").GetProperty("name").GetString());
        Assert.Equal(("deploy/app.yaml", 2, 9), (error.SourceName, error.Document, error.Line));
        Assert.StartsWith("deploy/app.yaml: document 2 (line 9): ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAliasToAnUnknownAnchorIsAnErrorOnItsLine()
    {
        var error = Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Read("a: 1\nb: *nowhere\n", "x.yaml").ToList());

        Assert.Equal("x.yaml: document 1 (line 2): unknown anchor 'nowhere' referenced", error.Message);
    }

    [Fact]
    public void BrokenJsonNamesTheDocumentAndLine()
    {
        const string text = """
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}}
            {"apiVersion": "v1",
             "kind": ConfigMap}
            """;

        var error = Assert.Throws<ManifestSyntaxException>(() => ManifestReader.Read(text, "cm.json").ToList());

        Assert.Equal(("cm.json", 2, 3), (error.SourceName, error.Document, error.Line));
    }
}
