namespace Shipshape.Deploy.Tests.Support.Logstash;

/// <summary>A pipeline file: its sections (input, filter, output) in order.</summary>
public sealed record LogstashConfig(IReadOnlyList<LogstashSection> Sections)
{
    /// <summary>Every plugin of the section kind, in order, including those inside conditionals.</summary>
    public IReadOnlyList<LogstashPlugin> Plugins(string section) =>
        [.. Sections.Where(s => s.Kind == section).SelectMany(s => Flatten(s.Items))];

    /// <summary>The one plugin of that name in the section; fails when there is none or more than one.</summary>
    public LogstashPlugin Plugin(string section, string name)
    {
        var found = Plugins(section).Where(p => p.Name == name).ToList();
        return found.Count == 1
            ? found[0]
            : throw new InvalidOperationException($"expected one {name} in {section}, found {found.Count}");
    }

    private static IEnumerable<LogstashPlugin> Flatten(IEnumerable<ILogstashItem> items) =>
        items.SelectMany(item => item switch
        {
            LogstashPlugin plugin => [plugin],
            LogstashConditional conditional => conditional.Arms.SelectMany(arm => Flatten(arm.Body)),
            _ => [],
        });
}

public sealed record LogstashSection(string Kind, IReadOnlyList<ILogstashItem> Items);

/// <summary>A plugin or a conditional, the two things a section holds.</summary>
public interface ILogstashItem;

/// <summary><c>if</c>/<c>else if</c>/<c>else</c>; the condition text is kept as written (null for <c>else</c>).</summary>
public sealed record LogstashConditional(IReadOnlyList<LogstashArm> Arms) : ILogstashItem;

public sealed record LogstashArm(string? Condition, IReadOnlyList<ILogstashItem> Body);

public abstract record LogstashValue;

/// <summary>A quoted string or a bareword, as written (backslashes kept: Logstash's default config.support_escapes is false).</summary>
public sealed record LogstashString(string Text, bool Quoted) : LogstashValue;

public sealed record LogstashNumber(decimal Value) : LogstashValue;

public sealed record LogstashArray(IReadOnlyList<LogstashValue> Items) : LogstashValue;

public sealed record LogstashHash(IReadOnlyList<LogstashSetting> Entries) : LogstashValue
{
    public LogstashValue? this[string key] => Entries.LastOrDefault(e => e.Name == key)?.Value;
}

public sealed record LogstashSetting(string Name, LogstashValue Value);

/// <summary>A plugin block; also the value of <c>codec =&gt; json { ... }</c>.</summary>
public sealed record LogstashPlugin(string Name, IReadOnlyList<LogstashSetting> Settings) : LogstashValue, ILogstashItem
{
    public LogstashValue? Setting(string name) => Settings.LastOrDefault(s => s.Name == name)?.Value;

    /// <summary>The text of a string or bareword setting, or null when the setting is absent.</summary>
    public string? Text(string name) => Setting(name) switch
    {
        null => null,
        LogstashString s => s.Text,
        var other => throw new InvalidOperationException($"{Name}.{name} is {other.GetType().Name}, not a string"),
    };
}
