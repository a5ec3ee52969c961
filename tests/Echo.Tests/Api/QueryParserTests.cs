using Shipshape.Echo.Api;

namespace Shipshape.Echo.Tests.Api;

public sealed class QueryParserTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("?", 0)]
    [InlineData("?&&", 0)]
    [InlineData("?a=1&&b=2&", 2)]
    [InlineData("?a=1&a=2&a=3", 3)]
    public void EmptyPairsAreIgnoredAndRepeatsCounted(string raw, int parameters)
    {
        Assert.Equal(QueryError.None, QueryParser.TryParse(raw, 256, out var query));
        Assert.Equal(parameters, query.ParameterCount);
    }

    [Fact]
    public void OnlyTheFirstEqualsSeparatesKeyFromValue()
    {
        QueryParser.TryParse("?expr=a=b=c", 256, out var query);

        Assert.Equal("a=b=c", Assert.Single(query.Entries).Value.Single());
    }

    [Fact]
    public void EmptyKeyIsKept()
    {
        QueryParser.TryParse("?=v", 256, out var query);

        Assert.Equal(("", "v"), (query.Entries[0].Key, query.Entries[0].Value[0]));
    }

    [Fact]
    public void RawNonAsciiTextIsKept()
    {
        QueryParser.TryParse("?city=Zürich", 256, out var query);

        Assert.Equal("Zürich", query.Entries[0].Value[0]);
    }

    [Fact]
    public void LoneSurrogateIsRefusedAsInvalidUtf8()
    {
        Assert.Equal(QueryError.InvalidUtf8, QueryParser.TryParse("?q=\ud800", 256, out _));
    }

    [Fact]
    public void ParameterLimitCountsEveryPairIncludingRepeats()
    {
        Assert.Equal(QueryError.None, QueryParser.TryParse("?a=1&a=2", 2, out _));
        Assert.Equal(QueryError.TooManyParameters, QueryParser.TryParse("?a=1&a=2&a=3", 2, out _));
    }
}
