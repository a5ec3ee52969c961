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
    public void AByteOrderMarkBeforeTheFirstSeparatorIsIgnored()
    {
        var document = Assert.Single(ManifestReader.Read("\uFEFF---\napiVersion: v1\nkind: ConfigMap\n", "<stdin>"));

        Assert.Equal("<stdin>: document 1 (line 2)", document.ToString());
    }

    [Fact]
    public void WindowsLineEndingsReadAsWell()
    {
        var documents = ManifestReader.Read("a: 1\r\n---\r\nb: yes\r\n", "crlf.yaml").ToList();

        Assert.Equal(["crlf.yaml: document 1 (line 1)", "crlf.yaml: document 2 (line 3)"], documents.Select(d => d.ToString()));
        Assert.Equal(JsonValueKind.True, documents[1].Json.GetProperty("b").ValueKind);
    }
}
