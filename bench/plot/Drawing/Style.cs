using ScottPlot;
using SkiaSharp;

namespace Shipshape.Bench.Plot.Drawing;

/// <summary>Fonts and colours shared by every chart.</summary>
internal static class Style
{
    // ScottPlot's SkiaSharp build for Linux has no fontconfig: fonts are loaded from files
    // (Debian's fonts-dejavu-core, which bench/plot/run.sh installs when it is missing).
    private const string FontDir = "/usr/share/fonts/truetype/dejavu";
    public const string FontName = "DejaVu Sans";

    public static readonly Color Ours = Color.FromHex("#1565C0");
    public static readonly Color Peer = Color.FromHex("#9E9E9E");
    public static readonly SKColor Ink = new(0x21, 0x21, 0x21);
    public static readonly SKColor Muted = new(0x61, 0x61, 0x61);

    public static SKTypeface Regular { get; private set; } = SKTypeface.Default;
    public static SKTypeface Bold { get; private set; } = SKTypeface.Default;

    public static void LoadFonts()
    {
        var regular = Path.Combine(FontDir, "DejaVuSans.ttf");
        var bold = Path.Combine(FontDir, "DejaVuSans-Bold.ttf");
        if (!File.Exists(regular) || !File.Exists(bold))
        {
            throw new FileNotFoundException($"{regular} or {bold} is missing: apt-get install fonts-dejavu-core");
        }

        Fonts.AddFontFile(FontName, regular, bold: false, italic: false);
        Fonts.AddFontFile(FontName, bold, bold: true, italic: false);
        Fonts.Default = FontName;
        Regular = SKTypeface.FromFile(regular);
        Bold = SKTypeface.FromFile(bold);
    }
}
