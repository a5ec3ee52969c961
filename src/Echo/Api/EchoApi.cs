namespace Shipshape.Echo.Api;

public static class EchoApi
{
    public const string Path = "/api";

    public static IEndpointConventionBuilder MapEchoApi(this IEndpointRouteBuilder app) =>
        // Mapped on the exact path rather than a group, so metrics carry http_route="/api" (a group adds a slash).
        app.MapMethods(Path, [HttpMethods.Get, HttpMethods.Head], EchoQueryHandler.Handle)
            .WithTags("Echo")
            .WithName("EchoQuery")
            .WithSummary("Echoes the query parameters and writes them to stdout as one JSON line.");
}
