using Microsoft.AspNetCore.Http.HttpResults;
using Shipshape.Echo.Hosting;

namespace Shipshape.Echo.Api;

/// <summary>The problem+json answer for each refused query.</summary>
public static class QueryProblems
{
    public static ProblemHttpResult For(QueryError error, int queryLength, EchoOptions limits) => error switch
    {
        QueryError.TooLong => TypedResults.Problem(
            statusCode: StatusCodes.Status414UriTooLong,
            title: "Query string too long",
            detail: $"The query string has {queryLength} bytes; the limit is {limits.MaxQueryBytes}."),
        QueryError.TooManyParameters => TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Too many query parameters",
            detail: $"The query string has more than {limits.MaxParameters} parameters."),
        QueryError.MalformedPercentEncoding => TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Malformed percent-encoding",
            detail: "Every '%' in the query string must be followed by two hexadecimal digits."),
        QueryError.InvalidUtf8 => TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "Invalid UTF-8 in query string",
            detail: "The percent-decoded query string is not valid UTF-8."),
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "not an error"),
    };
}
