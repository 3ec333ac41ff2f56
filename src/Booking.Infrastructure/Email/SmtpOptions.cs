namespace Booking.Infrastructure.Email;

/// <summary>The SMTP relay for emails (<c>Notifications:Smtp</c>). Unset <see cref="Host"/> → the local in-memory sink.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>StartTls</c> (default), <c>SslOnConnect</c>, or <c>None</c> (local test servers only).</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "Booking <no-reply@booking.example>";
}
