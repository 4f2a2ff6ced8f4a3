namespace ChildProtection.Web.Features.Email;

public static class EmailExtensions
{
    /// <summary>
    /// E-mail through an outbox table: sent within seconds by the <see cref="EmailDispatcher"/>, and drained every
    /// minute by a recurring job (Hosting/RecurringJobs.cs) for whatever that missed.
    /// </summary>
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<IEmailOutbox, EmailOutbox>();
        services.AddScoped<OutboxTransaction>();
        services.AddScoped<EmailOutboxDrainer>();
        services.AddSingleton<EmailDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<EmailDispatcher>());
        return builder;
    }
}
