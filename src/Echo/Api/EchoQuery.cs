namespace Shipshape.Echo.Api;

/// <summary>The query parameters of a request: keys in order of first appearance, each with its values in order.</summary>
public sealed class EchoQuery
{
    private readonly List<KeyValuePair<string, List<string>>> _entries = [];

    public static EchoQuery Empty { get; } = new();

    public IReadOnlyList<KeyValuePair<string, List<string>>> Entries => _entries;

    public int ParameterCount { get; private set; }

    internal void Add(string key, string value)
    {
        ParameterCount++;
        // Linear search: parameter counts are bounded (Echo:MaxParameters) and usually tiny.
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                entry.Value.Add(value);
                return;
            }
        }

        _entries.Add(new(key, [value]));
    }
}
