using QRCoder;

namespace Training.Web.Infrastructure;

/// <summary>A QR code as runs of dark modules along its rows, for drawing as few shapes as possible (an SVG path, PDF rectangles).</summary>
/// <param name="Size">Modules on each side, quiet zone included.</param>
/// <param name="Runs">Each run of dark modules: its row, its first column and how many modules long it is.</param>
public sealed record QrCode(int Size, IReadOnlyList<(int Row, int Column, int Length)> Runs)
{
    public static QrCode Of(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var rows = data.ModuleMatrix;
        var runs = new List<(int, int, int)>();
        for (var y = 0; y < rows.Count; y++)
        {
            var row = rows[y];
            for (var x = 0; x < row.Length; x++)
            {
                if (!row[x])
                {
                    continue;
                }
                var start = x;
                while (x + 1 < row.Length && row[x + 1])
                {
                    x++;
                }
                runs.Add((y, start, x - start + 1));
            }
        }
        return new QrCode(rows.Count, runs);
    }
}
