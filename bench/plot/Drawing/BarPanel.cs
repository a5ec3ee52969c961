using System.Globalization;
using ScottPlot;

namespace Shipshape.Bench.Plot.Drawing;

/// <summary>A panel of horizontal bars, first item on top, each labelled with its value.</summary>
internal static class BarPanel
{
    /// <summary>Above this max / min ratio the value axis turns logarithmic (and says so).</summary>
    private const double LogScaleRatio = 100;
    public const float NameWidth = 300;

    public static ScottPlot.Plot Create(string title, string axisLabel, IReadOnlyList<BarItem> items, Func<double, string> format)
    {
        var plot = new ScottPlot.Plot();
        plot.Font.Set(Style.FontName);
        var max = items.Max(i => i.Value);
        var min = items.Where(i => i.Value > 0).Select(i => i.Value).DefaultIfEmpty(max).Min();
        var log = max / min > LogScaleRatio;
        var floor = log ? Math.Floor(Math.Log10(min)) : 0;
        Func<double, double> scale = log ? v => Math.Log10(Math.Max(v, min)) : v => v;

        var bars = items.Select((item, i) => new Bar
        {
            Position = items.Count - 1 - i,
            Value = scale(item.Value),
            ValueBase = floor,
            FillColor = item.Ours ? Style.Ours : Style.Peer,
            LineWidth = 0,
            Size = 0.7,
            Label = format(item.Value),
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 15;
        barPlot.ValueLabelStyle.FontName = Style.FontName;

        plot.Axes.Left.SetTicks(
            bars.Select(b => b.Position).ToArray(),
            items.Select(i => i.Name).ToArray());
        plot.Axes.Left.TickLabelStyle.FontSize = 15;
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Bottom.Label.Text = log ? $"{axisLabel} (log scale)" : axisLabel;
        plot.Axes.Bottom.Label.FontSize = 14;
        plot.Axes.Bottom.Label.Bold = false;
        plot.Axes.Title.Label.Text = title;
        plot.Axes.Title.Label.FontSize = 17;
        plot.Grid.YAxisStyle.MajorLineStyle.Width = 0;

        var top = scale(max);
        if (log)
        {
            var decades = Enumerable.Range((int)floor, (int)Math.Ceiling(top - floor) + 1).Select(d => (double)d).ToArray();
            plot.Axes.Bottom.SetTicks(decades, decades.Select(d => Math.Pow(10, d).ToString("#,0.###", CultureInfo.InvariantCulture)).ToArray());
            plot.Axes.SetLimitsX(floor, top + ((top - floor) * 0.18));
        }
        else
        {
            plot.Axes.SetLimitsX(0, top * 1.18);
        }

        plot.Axes.SetLimitsY(-0.6, items.Count - 0.4);
        return plot;
    }
}
