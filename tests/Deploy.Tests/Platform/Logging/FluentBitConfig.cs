namespace Shipshape.Deploy.Tests.Platform.Logging;

/// <summary>One section of Fluent Bit's classic configuration: <c>[OUTPUT]</c> and its <c>Key value</c> lines
/// (keys are case-insensitive in Fluent Bit).</summary>
internal sealed record FluentBitSection(string Name, IReadOnlyDictionary<string, string> Settings)
{
    public string this[string key] => Settings.TryGetValue(key, out var value)
        ? value
        : throw new KeyNotFoundException($"[{Name}] has no {key}");

    public static IReadOnlyList<FluentBitSection> Parse(string text)
    {
        var sections = new List<FluentBitSection>();
        Dictionary<string, string>? current = null;
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            if (line.StartsWith('[') && line.EndsWith(']'))
            {
                current = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                sections.Add(new FluentBitSection(line[1..^1], current));
                continue;
            }

            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            Assert.True(current is not null && parts.Length == 2, $"not a setting of a section: {line}");
            Assert.True(current.TryAdd(parts[0], parts[1]), $"{parts[0]} set twice");
        }

        return sections;
    }
}
