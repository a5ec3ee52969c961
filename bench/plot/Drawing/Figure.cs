using ScottPlot;
using SkiaSharp;

namespace Shipshape.Bench.Plot.Drawing;

/// <summary>A chart file: a title, a subtitle, panels stacked in rows, and a footer saying where the numbers come from.</summary>
internal sealed class Figure(string title, string subtitle, IReadOnlyList<string> footer, IReadOnlyList<ScottPlot.Plot> panels)
{
    private const int Width = 1200;
    private const int PanelHeight = 300;
    private const int Header = 86;
    private const int FooterLine = 20;

    public void SavePng(string path)
    {
        var footerHeight = (FooterLine * footer.Count) + 16;
        var height = Header + (PanelHeight * panels.Count) + footerHeight;
        using var surface = SKSurface.Create(new SKImageInfo(Width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);

        Text(canvas, title, Style.Bold, 26, Style.Ink, 20, 38);
        Text(canvas, subtitle, Style.Regular, 16, Style.Ink, 20, 68);

        for (var i = 0; i < panels.Count; i++)
        {
            panels[i].Layout.Fixed(new PixelPadding(BarPanel.NameWidth, 40, 55, 40));
            // Plot.Render clears the canvas it is given: each panel gets a surface of its own.
            using var panelSurface = SKSurface.Create(new SKImageInfo(Width, PanelHeight));
            panels[i].Render(panelSurface);
            canvas.DrawSurface(panelSurface, 0, Header + (PanelHeight * i));
        }

        for (var i = 0; i < footer.Count; i++)
        {
            Text(canvas, footer[i], Style.Regular, 13, Style.Muted, 20, height - footerHeight + 18 + (FooterLine * i));
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        png.SaveTo(file);
    }

    private static void Text(SKCanvas canvas, string text, SKTypeface typeface, float size, SKColor color, float x, float y)
    {
        using var font = new SKFont(typeface, size);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, x, y, SKTextAlign.Left, font, paint);
    }
}
