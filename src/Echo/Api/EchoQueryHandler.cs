using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Shipshape.Echo.Hosting;

namespace Shipshape.Echo.Api;

/// <summary>Answers <c>GET /api?...</c> with every query parameter, or with a problem saying what was refused.</summary>
public static class EchoQueryHandler
{
    public static Results<EchoQueryResult, ProblemHttpResult> Handle(HttpContext context, IOptions<EchoOptions> options)
    {
        var limits = options.Value;
        var raw = context.Request.QueryString.Value.AsSpan();
        var length = raw.StartsWith('?') ? raw.Length - 1 : raw.Length;
        var query = EchoQuery.Empty;
        var error = length > limits.MaxQueryBytes
            ? QueryError.TooLong
            : QueryParser.TryParse(raw, limits.MaxParameters, out query);
        if (error != QueryError.None)
        {
            return QueryProblems.For(error, length, limits);
        }

        context.Features.Set(query);
        if (limits.Faults.Enabled && context.RequestServices.GetRequiredService<InjectedFaults>().NextFails())
        {
            return InjectedFaults.Problem();
        }

        return new EchoQueryResult(query);
    }
}
