namespace Shipshape.Policy.Manifests;

/// <summary>A stretch of a YAML stream between <c>---</c> lines; <see cref="Explicit"/> when a <c>---</c> starts it.</summary>
internal sealed record YamlStreamPart(int FirstLine, bool Explicit, string Text);

/// <summary>
/// Cuts a YAML stream at its <c>---</c> lines, as kubectl's reader does, so each document can be parsed on its own
/// and one broken document does not hide where the next ones start.
/// </summary>
internal static class YamlStreamParts
{
    /// <summary>
    /// The parts between <c>---</c> lines, each with the line it starts on. The <c>---</c> is blanked rather than
    /// dropped, so a document that starts on its line (<c>--- {a: 1}</c>) still parses and lines and columns stay true.
    /// </summary>
    public static IEnumerable<YamlStreamPart> Split(string text)
    {
        var lines = text.Split('\n');
        var part = new List<string>();
        var (firstLine, isExplicit) = (1, false);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (IsSeparator(line))
            {
                if (i > 0)
                {
                    yield return new YamlStreamPart(firstLine, isExplicit, string.Join('\n', part));
                }
                part.Clear();
                (firstLine, isExplicit) = (i + 1, true);
                line = "   " + line[3..];
            }
            part.Add(line);
        }
        yield return new YamlStreamPart(firstLine, isExplicit, string.Join('\n', part));
    }

    private static bool IsSeparator(string line) =>
        line.StartsWith("---", StringComparison.Ordinal) && (line.Length == 3 || line[3] is ' ' or '\t' or '\r');
}
