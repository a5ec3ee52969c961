using System.Text.RegularExpressions;
using Shipshape.Deploy.Tests.Support;

namespace Shipshape.Deploy.Tests.Platform.Delivery;

/// <summary>Every object the delivery releases apply, and what may never be in their files.</summary>
public sealed partial class DeliveryManifestTests
{
    [Fact]
    public void EveryManifestPassesTheStrictSchemaCheckAsAnsibleRendersIt()
    {
        var directory = Directory.CreateTempSubdirectory("delivery-manifests-");
        try
        {
            var files = DeliveryFiles.ManifestFiles.Select(file =>
            {
                var rendered = Path.Combine(directory.FullName, file.Replace('/', '_'));
                File.WriteAllText(rendered, DeliveryFiles.Rendered(file));
                return rendered;
            }).ToList();
            var check = Tools.RunScript("check-schemas.mjs", files);

            Assert.Equal(5, files.Count);
            Assert.True(check.ExitCode == 0, check.Describe());
            Assert.Contains("check-schemas: 8 objects typed, 0 errors, 0 warnings", check.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void EveryReleaseNamesFilesThatExist()
    {
        Assert.All(DeliveryFiles.DeliveryReleases, release =>
        {
            var spec = DeliveryFiles.Release(release);
            Assert.True(File.Exists(DeliveryFiles.PathOf((string)spec["values"]!)), $"{release}: values missing");
            Assert.All(DeliveryFiles.ManifestFiles, f => Assert.True(File.Exists(DeliveryFiles.PathOf(f)), $"{f} missing"));
            Assert.Matches(@"^\d+\.\d+\.\d+$", (string)spec["chart"]!["version"]!);
        });
    }

    [Fact]
    public void NoPasswordTokenOrKeyIsWrittenIntoOurFiles()
    {
        var files = Directory.GetFiles(DeliveryFiles.Platform, "*.yaml", SearchOption.AllDirectories)
            .Where(f => new[] { "istio", "argo", "keda", "karpenter" }.Contains(Path.GetFileName(Path.GetDirectoryName(f))));
        var literals = files.SelectMany(f => File.ReadLines(f).Select(line => (File: f, Line: line)))
            .Where(l => SecretLiteral().IsMatch(l.Line)).ToList();

        Assert.NotEmpty(files);
        Assert.Empty(literals);
    }

    // A key naming a secret with a literal value (not a variable, not empty, not a reference to a Secret).
    [GeneratedRegex(@"^\s*[\w.-]*(password|passwd|token|secret[-_]?key|access[-_]?key|api[-_]?key)""?:\s*(?!""?\{\{)(?!\s*$)(?!""""|'')\S", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLiteral();
}
