using System.Text;

namespace JujuOps.Cli.Formatting;

/// <summary>
/// Juju's tabular layout (Go's tabwriter with padding 2): every column but the last is padded to its widest cell
/// plus two spaces; right-aligned columns (counts) pad on the left, header included. As in Juju, an empty last
/// cell still leaves the padding of the column before it.
/// </summary>
public sealed class Table(params string[] headers)
{
    private readonly List<string[]> rows = [];
    private readonly HashSet<int> rightAligned = [];

    public Table AlignRight(params int[] columns)
    {
        rightAligned.UnionWith(columns);
        return this;
    }

    public Table Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"expected {headers.Length} cells, got {cells.Length}", nameof(cells));
        rows.Add(cells);
        return this;
    }

    public int Count => rows.Count;

    public override string ToString()
    {
        var all = rows.Prepend(headers).ToList();
        var widths = Enumerable.Range(0, headers.Length).Select(column => all.Max(row => row[column].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in all)
        {
            for (var column = 0; column < row.Length; column++)
            {
                var cell = row[column];
                var last = column == row.Length - 1;
                if (rightAligned.Contains(column))
                    text.Append(cell.PadLeft(widths[column]));
                else
                    text.Append(last ? cell : cell.PadRight(widths[column]));
                if (!last)
                    text.Append("  ");
            }

            text.Append('\n');
        }

        return text.ToString();
    }
}
