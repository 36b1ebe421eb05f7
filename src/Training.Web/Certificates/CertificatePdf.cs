using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Training.Core.Competence;
using Training.Web.Infrastructure;

namespace Training.Web.Certificates;

/// <summary>What a certificate says: who completed which version of which module, when, until when, and how to check it.</summary>
/// <param name="CompletedAt">UTC.</param>
/// <param name="ExpiresAt">UTC; null when it does not expire.</param>
/// <param name="Code">The verification code as stored (16 characters, no dashes).</param>
/// <param name="VerificationUrl">The absolute address of the public verification page.</param>
public sealed record CertificateFacts(
    string PersonName, string AgencyName, string ModuleTitle, string Version, DateTime CompletedAt, DateTime? ExpiresAt, string Code, string VerificationUrl);

/// <summary>The certificate as an A4 PDF, in Swedish, with its fonts embedded (so å, ä and ö print anywhere) and a QR code to the verification page.</summary>
public static class CertificatePdf
{
    private const double PageWidth = 595; // A4 in points
    private const double Margin = 56;
    private const double TextWidth = PageWidth - 2 * Margin;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XColor Ink = XColor.FromArgb(0x1f, 0x2a, 0x37);
    private static readonly XColor Muted = XColor.FromArgb(0x4b, 0x55, 0x63);
    private static readonly XColor Accent = XColor.FromArgb(0x0b, 0x4f, 0x8a);

    static CertificatePdf() => CertificateFonts.Install();

    public static byte[] Render(CertificateFacts facts)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Intyg: {facts.ModuleTitle}";
        document.Info.Subject = $"Intyg om genomförd utbildning för {facts.PersonName}";
        document.Info.Creator = "Training";
        document.Language = "sv-SE";
        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            Draw(graphics, facts);
        }
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static void Draw(XGraphics g, CertificateFacts facts)
    {
        var ink = new XSolidBrush(Ink);
        var muted = new XSolidBrush(Muted);
        var accent = new XSolidBrush(Accent);
        var frame = new XPen(Accent, 1.5);
        g.DrawRectangle(frame, 28, 28, PageWidth - 56, 842 - 56);

        var y = 90.0;
        y = Centred(g, "Training", Font(12, bold: true), accent, y);
        y = Centred(g, "Intyg om genomförd utbildning", Font(26, bold: true), ink, y + 18);
        g.DrawLine(new XPen(Accent, 1), Margin + 120, y + 14, PageWidth - Margin - 120, y + 14);

        y = Centred(g, "Härmed intygas att", Font(13), muted, y + 44);
        y = Centred(g, facts.PersonName, Font(22, bold: true), ink, y + 12);
        y = Centred(g, facts.AgencyName, Font(13), muted, y + 6);
        y = Centred(g, "har genomfört modulen", Font(13), muted, y + 28);
        y = Centred(g, facts.ModuleTitle, Font(18, bold: true), ink, y + 12);
        y = Centred(g, $"Version {facts.Version}", Font(12), muted, y + 6);

        y += 40;
        var label = Font(12);
        var value = Font(12, bold: true);
        y = Row(g, "Genomförd", SwedishTime.Date(facts.CompletedAt), label, value, muted, ink, y);
        y = Row(g, "Giltigt till", facts.ExpiresAt is { } expires ? SwedishTime.Date(expires) : "tills vidare", label, value, muted, ink, y + 8);

        const double qrSize = 130;
        var qrTop = Math.Max(y + 60, 560);
        DrawQr(g, facts.VerificationUrl, Margin, qrTop, qrSize, ink);
        var textLeft = Margin + qrSize + 24;
        var textWidth = PageWidth - Margin - textLeft;
        var line = qrTop + 6;
        line = Left(g, "Kontrollera intyget", Font(13, bold: true), ink, textLeft, line, textWidth);
        line = Left(g, "Verifieringskod", Font(10), muted, textLeft, line + 10, textWidth);
        line = Left(g, VerificationCode.Grouped(facts.Code), Font(15, bold: true), ink, textLeft, line + 2, textWidth);
        line = Left(g, "Skanna QR-koden eller gå till adressen nedan. Sidan visar om intyget gäller, har gått ut eller har ersatts.",
            Font(10), muted, textLeft, line + 10, textWidth);
        Left(g, facts.VerificationUrl, Font(10), accent, textLeft, line + 6, textWidth);
    }

    private static XFont Font(double size, bool bold = false) =>
        new(CertificateFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    /// <summary>Draws <paramref name="text"/> centred on the page, wrapped at words; returns the y below it.</summary>
    private static double Centred(XGraphics g, string text, XFont font, XBrush brush, double top)
    {
        var height = font.GetHeight();
        foreach (var line in Wrap(g, text, font, TextWidth))
        {
            g.DrawString(line, font, brush, new XRect(Margin, top, TextWidth, height), XStringFormats.TopCenter);
            top += height;
        }
        return top;
    }

    /// <summary>Draws <paramref name="text"/> from <paramref name="left"/>, wrapped at words (or anywhere, for an address); returns the y below it.</summary>
    private static double Left(XGraphics g, string text, XFont font, XBrush brush, double left, double top, double width)
    {
        var height = font.GetHeight();
        foreach (var line in Wrap(g, text, font, width))
        {
            g.DrawString(line, font, brush, new XRect(left, top, width, height), XStringFormats.TopLeft);
            top += height;
        }
        return top;
    }

    private static double Row(XGraphics g, string label, string value, XFont labelFont, XFont valueFont, XBrush labelBrush, XBrush valueBrush, double top)
    {
        var height = Math.Max(labelFont.GetHeight(), valueFont.GetHeight());
        const double middle = PageWidth / 2;
        g.DrawString(label + ":", labelFont, labelBrush, new XRect(Margin, top, middle - Margin - 8, height), XStringFormats.TopRight);
        g.DrawString(value, valueFont, valueBrush, new XRect(middle + 8, top, middle - Margin - 8, height), XStringFormats.TopLeft);
        return top + height;
    }

    /// <summary>Lines of at most <paramref name="width"/>: whole words where they fit, a word longer than a line cut where it must.</summary>
    private static List<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (g.MeasureString(candidate, font).Width <= width)
            {
                current = candidate;
                continue;
            }
            if (current.Length > 0)
            {
                lines.Add(current);
            }
            current = word;
            while (g.MeasureString(current, font).Width > width && current.Length > 1)
            {
                var fits = current.Length - 1;
                while (fits > 1 && g.MeasureString(current[..fits], font).Width > width)
                {
                    fits--;
                }
                lines.Add(current[..fits]);
                current = current[fits..];
            }
        }
        if (current.Length > 0)
        {
            lines.Add(current);
        }
        return lines;
    }

    /// <summary>The QR code as vector rectangles, one per run of dark modules in a row (quiet zone included in the size).</summary>
    private static void DrawQr(XGraphics g, string text, double left, double top, double size, XBrush brush)
    {
        var code = QrCode.Of(text);
        var module = size / code.Size;
        foreach (var (y, x, run) in code.Runs)
        {
            g.DrawRectangle(brush, left + x * module, top + y * module, run * module, module);
        }
    }
}

/// <summary>
/// Serves DejaVu Sans (shipped with the app as embedded resources, licence beside it in Fonts/) to PDFsharp, which on
/// Linux finds no system fonts by itself; every family name resolves to it, so nothing can fall back to a font without å, ä, ö.
/// </summary>
internal sealed class CertificateFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly CertificateFonts Instance = new();
    private static readonly Lock Installing = new();

    /// <summary>PDFsharp takes one resolver per process, set before the first font is used, and the same instance if set again.</summary>
    public static void Install()
    {
        lock (Installing)
        {
            if (GlobalFontSettings.FontResolver is not CertificateFonts)
            {
                GlobalFontSettings.FontResolver = Instance;
            }
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: isItalic);

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(CertificateFonts).Assembly.GetManifestResourceStream($"Training.Web.Certificates.Fonts.{faceName}.ttf");
        if (stream is null)
        {
            return null;
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
