using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Training.Web.Infrastructure;

namespace Training.Web.Accounts;

/// <summary>
/// The one way the site sends e-mail: SMTP when <c>Email:Smtp:Host</c> is set, otherwise an .eml file per message
/// in <c>Email:PickupDirectory</c> (what development and the tests read).
/// </summary>
public sealed partial class EmailSender(IConfiguration configuration, ILogger<EmailSender> logger)
{
    public async Task SendAsync(string to, string subject, string text, CancellationToken cancellationToken = default)
    {
        var message = Compose(to, subject, text);

        if (configuration["Email:Smtp:Host"] is { Length: > 0 } host)
        {
            using var client = await ConnectAsync(host, cancellationToken);
            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        else
        {
            var folder = PickupFolder();
            var file = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
            await message.WriteToAsync(file, cancellationToken);
        }
        LogSent(subject); // never the address or the body: they are personal data or secrets
    }

    /// <summary>
    /// Many messages (an import's invitations) over one SMTP connection, or into the pickup folder, logged as one line
    /// instead of one per message.
    /// </summary>
    public async Task SendAllAsync(IReadOnlyList<OutgoingMail> mails, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mails);
        if (mails.Count == 0)
        {
            return;
        }
        if (configuration["Email:Smtp:Host"] is { Length: > 0 } host)
        {
            using var client = await ConnectAsync(host, cancellationToken);
            foreach (var mail in mails)
            {
                await client.SendAsync(Compose(mail.To, mail.Subject, mail.Text), cancellationToken);
            }
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        else
        {
            var folder = PickupFolder();
            foreach (var mail in mails)
            {
                // written synchronously: an async file stream costs a thread-pool round trip per message, and this is a local disk
                var file = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
                Compose(mail.To, mail.Subject, mail.Text).WriteTo(file, cancellationToken);
            }
        }
        LogSentMany(mails.Count, mails[0].Subject);
    }

    private async Task<SmtpClient> ConnectAsync(string host, CancellationToken cancellationToken)
    {
        var client = new SmtpClient();
        try
        {
            var port = configuration.GetValue("Email:Smtp:Port", 587);
            await client.ConnectAsync(host, port, port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTlsWhenAvailable, cancellationToken);
            if (configuration["Email:Smtp:User"] is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, configuration["Email:Smtp:Password"] ?? "", cancellationToken);
            }
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private string PickupFolder()
    {
        var folder = Path.GetFullPath(configuration["Email:PickupDirectory"] is { Length: > 0 } configured ? configured : "data/mail");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private MimeMessage Compose(string to, string subject, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(configuration["Email:From"] ?? "training@localhost"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    /// <summary>An absolute link for an e-mail, always on <c>Site:BaseUrl</c>: a link built from the request's Host header could be forged.</summary>
    public string Link(string pathAndQuery) => (configuration["Site:BaseUrl"] ?? "http://localhost:5000").TrimEnd('/') + pathAndQuery;

    // A subject can carry a module's title or a name: made safe for one log line, and only when the line is written.
    private void LogSent(string subject)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            Sent(logger, LogText.Safe(subject), null);
        }
    }

    private void LogSentMany(int count, string subject)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            SentMany(logger, count, LogText.Safe(subject), null);
        }
    }

    private static readonly Action<ILogger, string, Exception?> Sent =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(1, "EmailSent"), "E-post skickad: {Subject}");

    private static readonly Action<ILogger, int, string, Exception?> SentMany =
        LoggerMessage.Define<int, string>(LogLevel.Information, new EventId(2, "EmailsSent"), "{Count} e-postmeddelanden skickade: {Subject}");

}

/// <summary>One message for <see cref="EmailSender.SendAllAsync"/>.</summary>
public sealed record OutgoingMail(string To, string Subject, string Text);
