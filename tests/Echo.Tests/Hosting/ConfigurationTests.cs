using Microsoft.Extensions.Configuration;
using Shipshape.Echo.Hosting;

namespace Shipshape.Echo.Tests.Hosting;

public sealed class ConfigurationTests
{
    [Theory]
    [InlineData("Echo:MaxQueryBytes", "abc")]
    [InlineData("Echo:MaxQueryBytes", "0")]
    [InlineData("Echo:MaxParameters", "-1")]
    [InlineData("Echo:LogBufferBytes", "1024")]
    [InlineData("Echo:Shutdown:DrainDelay", "soon")]
    [InlineData("Echo:Shutdown:DrainDelay", "-00:00:01")]
    [InlineData("Echo:Shutdown:Timeout", "00:00:01")]
    [InlineData("Echo:ManagementUrls", "not a url")]
    [InlineData("Echo:ManagementUrls", "http://127.0.0.1")]
    [InlineData("Echo:SensitiveKeys:0", " ", "Echo:SensitiveKeys")]
    public void ABadValueIsRefusedWithAnErrorNamingTheKey(string key, string value, string? named = null)
    {
        var ok = EchoConfiguration.TryLoad(Configuration((key, value)), out _, out var error);

        Assert.False(ok);
        Assert.Contains(named ?? key, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Theory]
    [InlineData("FileLog:Directory", "/does/not/exist")]
    [InlineData("FileLog:Directory", "/proc")] // exists, but no file can be created there, not even by root
    [InlineData("FileLog:MaxSegmentBytes", "100")]
    [InlineData("FileLog:MaxSegmentBytes", "-1")]
    [InlineData("FileLog:MaxSegmentBytes", "big")]
    [InlineData("FileLog:MaxSegmentBytes", "2147483648")]
    [InlineData("FileLog:FlushInterval", "-00:00:01")]
    [InlineData("FileLog:FlushInterval", "00:05:00")]
    [InlineData("FileLog:FlushInterval", "soon")]
    [InlineData("FileLog:MaxSegmentAge", "-00:00:01")]
    public void ABadFileLogValueIsRefusedWithAnErrorNamingTheKey(string key, string value)
    {
        var ok = EchoConfiguration.TryLoad(Configuration((key, value)), out _, out _, out var error);

        Assert.False(ok);
        Assert.Contains(key, error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public void TheFileLogIsOffByDefaultAndOnWhenAWritableDirectoryIsSet()
    {
        Assert.True(EchoConfiguration.TryLoad(Configuration(), out _, out var off, out _));
        Assert.False(off.Enabled);
        Assert.Equal(16 * 1024 * 1024, off.MaxSegmentBytes);
        Assert.Equal(TimeSpan.Zero, off.FlushInterval);

        var directory = Directory.CreateTempSubdirectory("filelog-config-");
        try
        {
            Assert.True(EchoConfiguration.TryLoad(
                Configuration(("FileLog:Directory", directory.FullName), ("FileLog:MaxSegmentBytes", "4096"), ("FileLog:FlushInterval", "00:00:00.250")),
                out _, out var on, out var error), error);
            Assert.True(on.Enabled);
            Assert.Equal(4096, on.MaxSegmentBytes);
            Assert.Equal(TimeSpan.FromMilliseconds(250), on.FlushInterval);
            Assert.Empty(directory.GetFileSystemInfos()); // the writability probe is gone
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void DefaultsAreValid()
    {
        Assert.True(EchoConfiguration.TryLoad(Configuration(), out var options, out _));
        Assert.Equal(8192, options.MaxQueryBytes);
        Assert.Equal(256, options.MaxParameters);
        Assert.Equal(EchoOptions.DefaultSensitiveKeys, options.EffectiveSensitiveKeys);
        Assert.True(options.Shutdown.DrainDelay < options.Shutdown.Timeout);
    }

    [Fact]
    public void ConfiguredSensitiveKeysReplaceTheDefaults()
    {
        EchoConfiguration.TryLoad(Configuration(("Echo:SensitiveKeys:0", "pin")), out var options, out _);

        Assert.Equal(["pin"], options.EffectiveSensitiveKeys);
    }

    [Fact]
    public void ManagementUrlsWithWildcardHostsAreAccepted()
    {
        Assert.True(EchoConfiguration.TryLoad(Configuration(("Echo:ManagementUrls", "http://+:9090;http://*:9091")), out var options, out _));
        Assert.Equal(["*:9090", "*:9091"], options.ManagementHosts());
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
