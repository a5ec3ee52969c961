using System.Text;
using System.Text.RegularExpressions;

namespace Shipshape.Deploy.Tests.Platform.Jenkins;

/// <summary>A declarative Jenkinsfile under ci/, read for what the tests check: its agent, its environment and its sh steps.</summary>
public sealed partial class Jenkinsfile(string relativePath, string text)
{
    public string RelativePath { get; } = relativePath;

    public string Text { get; } = text;

    public static Jenkinsfile Load(string relativePath) => new(relativePath, File.ReadAllText(Repository.Path(relativePath.Split('/'))));

    /// <summary>The pod template the agent inherits from (agent { kubernetes { inheritFrom '…' } }).</summary>
    public string InheritFrom => Single(InheritFromCall());

    public string DefaultContainer => Single(DefaultContainerCall());

    /// <summary>The scripts of the sh steps, each written as sh '…' or sh "…"; any other form of sh fails (it would go unchecked).</summary>
    public IReadOnlyList<string> ShellSteps
    {
        get
        {
            var steps = ShStep().Matches(Text).Select(m => m.Groups["script"].Value).ToList();
            var calls = AnySh().Count(Text);
            return calls == steps.Count ? steps : throw new InvalidOperationException($"{RelativePath}: {calls} sh calls, {steps.Count} of them as sh '…'");
        }
    }

    /// <summary>The environment block's NAME = 'value' / "value" entries.</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        EnvironmentBlock().Match(Text) is { Success: true } block
            ? EnvironmentEntry().Matches(block.Groups["body"].Value).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value)
            : new Dictionary<string, string>();

    /// <summary>The commands of a shell script: split at newlines, ;, &amp;&amp;, || and |.</summary>
    public static IEnumerable<string> Commands(string script) =>
        CommandSeparator().Split(script).Select(c => c.Trim()).Where(c => c.Length > 0);

    /// <summary>The words of a command with their quotes removed (no globbing, no nesting).</summary>
    public static IReadOnlyList<string> Words(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var started = false;
        char? quote = null;
        foreach (var c in command)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                started = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (started)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    started = false;
                }
            }
            else
            {
                word.Append(c);
                started = true;
            }
        }

        if (started)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>The word with $NAME, ${NAME} and ${params.NAME} replaced from the variables; unknown names stay.</summary>
    public static string Expand(string word, IReadOnlyDictionary<string, string> variables) =>
        Variable().Replace(word, m => variables.TryGetValue(m.Groups["name"].Value, out var value) ? Expand(value, variables) : m.Value);

    private string Single(Regex pattern) =>
        pattern.Matches(Text) is [var match] ? match.Groups[1].Value : throw new InvalidOperationException($"{RelativePath}: not exactly one {pattern}");

    [GeneratedRegex(@"inheritFrom\s+'([^']+)'")]
    private static partial Regex InheritFromCall();

    [GeneratedRegex(@"defaultContainer\s+'([^']+)'")]
    private static partial Regex DefaultContainerCall();

    [GeneratedRegex(@"(?<![\w.-])sh\s+(?:'(?<script>[^'\n]*)'|""(?<script>[^""\n]*)"")")]
    private static partial Regex ShStep();

    [GeneratedRegex(@"(?<![\w.-])sh\b(?=\s*[('""])")]
    private static partial Regex AnySh();

    [GeneratedRegex(@"\benvironment\s*\{[ \t]*\n(?<body>(?:[ \t]*[A-Z_][A-Z0-9_]*[ \t]*=.*\n)*)")]
    private static partial Regex EnvironmentBlock();

    [GeneratedRegex(@"^\s*(?<name>[A-Z_][A-Z0-9_]*)\s*=\s*(?:'(?<value>[^']*)'|""(?<value>[^""]*)"")\s*$", RegexOptions.Multiline)]
    private static partial Regex EnvironmentEntry();

    [GeneratedRegex(@"\n|;|&&|\|\||\|")]
    private static partial Regex CommandSeparator();

    [GeneratedRegex(@"\$\{params\.(?<name>[A-Za-z_][A-Za-z0-9_]*)\}|\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)\}|\$(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();
}
