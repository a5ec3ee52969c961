namespace Shipshape.Bench.Plot.Drawing;

/// <summary>One bar: its name on the axis, its value, and whether it is Shipshape's (highlighted).</summary>
internal sealed record BarItem(string Name, double Value, bool Ours);
