using System.Net.Http.Json;
using System.Text.Json;

namespace Shipshape.AppHost.Tests.Support;

/// <summary>Prometheus' HTTP API (/api/v1): instant queries and the state of the loaded rules.</summary>
public sealed class PrometheusApi(Uri url) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>An instant query: the result vector, or the error Prometheus gives for the expression.</summary>
    public async Task<QueryResult> QueryAsync(string expression)
    {
        using var response = await _http.PostAsync("/api/v1/query", new FormUrlEncodedContent([new("query", expression)]));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("status").GetString() == "success"
            ? new QueryResult(null, body.GetProperty("data").GetProperty("result").GetArrayLength())
            : new QueryResult($"{body.GetProperty("errorType").GetString()}: {body.GetProperty("error").GetString()}", 0);
    }

    /// <summary>Every loaded rule: group, name (record or alert), health and last error.</summary>
    public async Task<IReadOnlyList<RuleState>> RulesAsync()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("/api/v1/rules");
        return [.. body.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(group => group.GetProperty("rules").EnumerateArray().Select(rule => new RuleState(
                group.GetProperty("name").GetString()!,
                rule.GetProperty("name").GetString()!,
                rule.GetProperty("health").GetString()!,
                rule.TryGetProperty("lastError", out var error) ? error.GetString() : null)))];
    }

    /// <summary>Targets that are not up, with their job and last scrape error.</summary>
    public async Task<IReadOnlyList<string>> UnhealthyTargetsAsync()
    {
        var body = await _http.GetFromJsonAsync<JsonElement>("/api/v1/targets?state=active");
        return [.. body.GetProperty("data").GetProperty("activeTargets").EnumerateArray()
            .Where(target => target.GetProperty("health").GetString() != "up")
            .Select(target => $"{target.GetProperty("labels").GetProperty("job").GetString()} {target.GetProperty("scrapeUrl").GetString()}: " +
                $"{target.GetProperty("health").GetString()} {target.GetProperty("lastError").GetString()}")];
    }

    public void Dispose() => _http.Dispose();
}

public sealed record QueryResult(string? Error, int Series);

public sealed record RuleState(string Group, string Name, string Health, string? LastError);
