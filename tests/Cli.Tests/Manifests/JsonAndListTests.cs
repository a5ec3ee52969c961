using System.Text.Json;
using Shipshape.Policy.Manifests;

namespace Shipshape.Cli.Tests.Manifests;

public sealed class JsonAndListTests
{
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
