using Shipshape.LogArchiver.Archiving;

namespace Shipshape.LogArchiver.Tests.Archiving;

public sealed class SegmentKeysTests
{
    private static readonly Segment EchoSegment =
        new("/logs/echo-20261125T193903123Z-4242-0000000001.log", "echo-20261125T193903123Z-4242-0000000001.log", 10, new DateTimeOffset(2026, 11, 25, 19, 39, 3, 123, TimeSpan.Zero));

    [Fact]
    public void TheDefaultKeyIsPrefixNamespacePodDateAndTheSegmentGzipped()
    {
        var keys = new SegmentKeys(SegmentKeys.DefaultTemplate, "logs", "shop", "echo-7d9f-abc12");

        Assert.Equal("logs/shop/echo-7d9f-abc12/2026/11/25/echo-20261125T193903123Z-4242-0000000001.log.gz", keys.KeyOf(EchoSegment));
    }

    [Fact]
    public void AnEmptyPrefixOrStraySlashesLeaveNoEmptyPathParts()
    {
        Assert.Equal("shop/p/2026/11/25/echo-20261125T193903123Z-4242-0000000001.log.gz",
            new SegmentKeys(SegmentKeys.DefaultTemplate, "", "shop", "p").KeyOf(EchoSegment));
        Assert.Equal("a/b/shop/p/2026/11/25/echo-20261125T193903123Z-4242-0000000001.log.gz",
            new SegmentKeys(SegmentKeys.DefaultTemplate, "/a/b/", "shop", "p").KeyOf(EchoSegment));
    }

    [Fact]
    public void ACustomTemplateCanUseTheHour()
    {
        var keys = new SegmentKeys("archive/{yyyy}-{MM}-{dd}/{HH}/{pod}/{segment}.gz", "ignored", "shop", "p");

        Assert.Equal("archive/2026-11-25/19/p/echo-20261125T193903123Z-4242-0000000001.log.gz", keys.KeyOf(EchoSegment));
    }

    [Theory]
    [InlineData("{prefix}/{namespace}/{pod}.gz", "must contain {segment}")]
    [InlineData("{prefix}/{date}/{segment}", "unknown token(s) {date}")]
    [InlineData("", "must not be empty")]
    public void ATemplateThatCouldMakeKeysCollideOrHasUnknownTokensIsRefused(string template, string problem)
    {
        Assert.Contains(problem, SegmentKeys.Problem(template), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new SegmentKeys(template, "logs", "shop", "p"));
    }

    [Fact]
    public void TheDateComesFromTheSegmentNameSoARetryOnAnotherDayKeepsTheKey()
    {
        var directory = Directory.CreateTempSubdirectory("segment-keys-").FullName;
        try
        {
            var named = Path.Combine(directory, "echo-20240229T235959999Z-1-0000000000.log");
            File.WriteAllText(named, "x\n");
            var other = Path.Combine(directory, "app.log");
            File.WriteAllText(other, "x\n");
            File.SetLastWriteTimeUtc(other, new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc));

            Assert.Equal(new DateTimeOffset(2024, 2, 29, 23, 59, 59, 999, TimeSpan.Zero), Segment.FromFile(new FileInfo(named)).Started);
            Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), Segment.FromFile(new FileInfo(other)).Started);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
