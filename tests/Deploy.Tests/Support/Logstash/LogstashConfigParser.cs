namespace Shipshape.Deploy.Tests.Support.Logstash;

/// <summary>
/// Parses the subset of Logstash's pipeline grammar our pipelines use: sections of plugin blocks and
/// <c>if</c>/<c>else</c> conditionals; settings <c>name =&gt; value</c> with strings, barewords, numbers,
/// arrays, hashes and plugin values (<c>codec =&gt; json { }</c>); <c>#</c> comments. Anything else is an error.
/// </summary>
public static class LogstashConfigParser
{
    private static readonly string[] SectionKinds = ["input", "filter", "output"];

    public static LogstashConfig ParseFile(string path) => Parse(File.ReadAllText(path));

    public static LogstashConfig Parse(string text)
    {
        var reader = new LogstashReader(text);
        var sections = new List<LogstashSection>();
        while (!reader.AtEnd)
        {
            var kind = reader.Bareword();
            if (!SectionKinds.Contains(kind))
            {
                throw reader.Error($"'{kind}' is not a section (input, filter, output)");
            }

            reader.Take("{");
            sections.Add(new LogstashSection(kind, Items(reader)));
        }

        return new LogstashConfig(sections);
    }

    /// <summary>Plugins and conditionals up to and including the closing '}'.</summary>
    private static List<ILogstashItem> Items(LogstashReader reader)
    {
        var items = new List<ILogstashItem>();
        while (!reader.TryTake("}"))
        {
            var name = reader.Bareword();
            items.Add(name == "if" ? Conditional(reader) : Plugin(reader, name));
        }

        return items;
    }

    private static LogstashConditional Conditional(LogstashReader reader)
    {
        var arms = new List<LogstashArm> { Arm(reader, reader.Condition()) };
        while (reader.TryTakeWord("else"))
        {
            var condition = reader.TryTakeWord("if") ? reader.Condition() : null;
            arms.Add(Arm(reader, condition));
            if (condition is null)
            {
                break;
            }
        }

        return new LogstashConditional(arms);
    }

    private static LogstashArm Arm(LogstashReader reader, string? condition)
    {
        if (condition is "")
        {
            throw reader.Error("empty condition");
        }

        reader.Take("{");
        return new LogstashArm(condition, Items(reader));
    }

    private static LogstashPlugin Plugin(LogstashReader reader, string name)
    {
        reader.Take("{");
        return new LogstashPlugin(name, Settings(reader));
    }

    /// <summary><c>name =&gt; value</c> pairs up to and including the closing '}'.</summary>
    private static List<LogstashSetting> Settings(LogstashReader reader)
    {
        var settings = new List<LogstashSetting>();
        while (!reader.TryTake("}"))
        {
            var name = reader.Peek() is '"' or '\'' ? reader.Quoted() : reader.Bareword();
            reader.Take("=>");
            settings.Add(new LogstashSetting(name, Value(reader)));
        }

        return settings;
    }

    private static LogstashValue Value(LogstashReader reader)
    {
        switch (reader.Peek())
        {
            case '"' or '\'':
                return new LogstashString(reader.Quoted(), Quoted: true);
            case '[':
                reader.Take("[");
                var items = new List<LogstashValue>();
                while (!reader.TryTake("]"))
                {
                    if (items.Count > 0)
                    {
                        reader.Take(",");
                    }

                    items.Add(Value(reader));
                }

                return new LogstashArray(items);
            case '{':
                reader.Take("{");
                return new LogstashHash(Settings(reader));
            case '-' or (>= '0' and <= '9'):
                return new LogstashNumber(reader.Number());
            default:
                var word = reader.Bareword();
                return reader.Peek() == '{' ? Plugin(reader, word) : new LogstashString(word, Quoted: false);
        }
    }
}
