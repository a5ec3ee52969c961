using System.Text.Json;

namespace Shipshape.Deploy.Tests.Logging;

/// <summary>An ILM policy file as PUT to _ilm/policy/&lt;name&gt;: {"policy": {"phases": {...}}}.</summary>
internal static class IlmPolicy
{
    public static JsonElement Phases(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return document.RootElement.GetProperty("policy").GetProperty("phases").Clone();
    }

    /// <summary>The actions of a phase, or null when the policy has no such phase.</summary>
    public static JsonElement? Actions(JsonElement phases, string phase) =>
        phases.TryGetProperty(phase, out var found) ? found.GetProperty("actions") : null;
}
