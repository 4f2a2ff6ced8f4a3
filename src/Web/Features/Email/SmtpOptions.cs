using System.ComponentModel.DataAnnotations;
using MailKit.Security;

namespace ChildProtection.Web.Features.Email;

/// <summary>The "Smtp" configuration section: the server the outbox sends through.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    /// <summary>Empty: messages stay in the outbox (and the log says so) until a server is configured.</summary>
    public string Host { get; set; } = "";

    [Display(Name = $"{Section}:{nameof(Port)}"), Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>None, StartTls, SslOnConnect or Auto (MailKit's SecureSocketOptions).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";

    [Display(Name = $"{Section}:{nameof(FromAddress)}"), Required, EmailAddress]
    public string FromAddress { get; set; } = "no-reply@localhost";

    public string FromName { get; set; } = "Bảo vệ trẻ em";

    /// <summary>
    /// Connections the outbox sends over at once, each kept open while there is something to send. More send a
    /// contest's burst of codes sooner where the mail server is another machine and allows them; on a machine that
    /// also serves the site at its busiest, each takes CPU from the entry forms (bench/README, contest-load).
    /// </summary>
    [Display(Name = $"{Section}:{nameof(Connections)}"), Range(1, 16)]
    public int Connections { get; set; } = 1;

    /// <summary>Seconds before giving up on a connection or a command.</summary>
    [Display(Name = $"{Section}:{nameof(TimeoutSeconds)}"), Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 30;
}
