using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Shipshape.Admission.Hosting;
using Shipshape.Admission.Metrics;

namespace Shipshape.Admission.Reviews;

/// <summary>
/// POST /validate: the API server's call. A valid AdmissionReview always gets 200 with the verdict inside; anything else
/// gets a 4xx problem saying what is wrong (400 bad review, 413 too large, 415 not JSON), never a 500 for bad input.
/// </summary>
public static class ValidateEndpoint
{
    public const string Path = "/validate";

    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 128 };

    public static void MapValidateEndpoint(this IEndpointRouteBuilder app) => app.MapPost(Path, HandleAsync);

    private static async Task HandleAsync(HttpContext context, Reviewer reviewer, AdmissionMetrics metrics, IOptions<AdmissionOptions> options)
    {
        var started = Stopwatch.GetTimestamp();
        string result;
        try
        {
            using var body = await ReadAsync(context, options.Value.MaxRequestBytes);
            using var document = Parse(body);
            var request = ReviewReader.Read(document.RootElement);
            var decision = reviewer.Judge(request);
            result = decision?.Allowed == false ? "denied" : "allowed";
            var answer = new ArrayBufferWriter<byte>(512);
            ReviewResponse.Write(answer, request.Uid, decision);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = answer.WrittenCount;
            await context.Response.Body.WriteAsync(answer.WrittenMemory, context.RequestAborted);
        }
        catch (ReviewRefusedException e)
        {
            metrics.Error(e.Reason);
            result = "refused";
            await Results.Problem(statusCode: e.StatusCode, title: Titles(e.StatusCode), detail: e.Message).ExecuteAsync(context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug, not bad input (the fuzz test keeps those apart): counted, then the framework logs it and answers 500.
            metrics.Error("internal");
            metrics.Answered("failed", Stopwatch.GetElapsedTime(started).TotalSeconds);
            throw;
        }
        metrics.Answered(result, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static async Task<RequestBody> ReadAsync(HttpContext context, long limit)
    {
        var request = context.Request;
        if (!request.HasJsonContentType())
        {
            throw new ReviewRefusedException(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type",
                $"Content-Type must be application/json, found {(string.IsNullOrEmpty(request.ContentType) ? "none" : $"\"{request.ContentType}\"")}");
        }
        if (request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        try
        {
            return await RequestBody.ReadAsync(request.Body, request.ContentLength, limit, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(limit);
        }
    }

    private static JsonDocument Parse(RequestBody body)
    {
        try
        {
            return JsonDocument.Parse(body.Memory, ParseOptions);
        }
        catch (JsonException e)
        {
            throw ReviewRefusedException.BadRequest("malformed_json", $"the body is not valid JSON: {e.Message}");
        }
    }

    internal static ReviewRefusedException TooLarge(long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, "too_large", $"the body is larger than the limit of {limit} bytes (Admission:MaxRequestBytes)");

    private static string Titles(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Request body too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
        _ => "Not a valid AdmissionReview",
    };
}
