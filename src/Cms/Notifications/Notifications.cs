using Microsoft.Extensions.DependencyInjection;

namespace ChildProtection.Cms.Notifications;

public interface INotification;

/// <summary>Handles one kind of notification; register with <c>AddNotificationHandler</c>.</summary>
public interface INotificationHandler<in TNotification>
    where TNotification : INotification
{
    Task HandleAsync(TNotification notification, CancellationToken cancellationToken);
}

/// <summary>Publishes a notification to every registered handler, in registration order.</summary>
public interface IEventAggregator
{
    Task PublishAsync<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification;
}

internal sealed class EventAggregator(IServiceProvider services) : IEventAggregator
{
    public async Task PublishAsync<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
        where TNotification : INotification
    {
        foreach (var handler in services.GetServices<INotificationHandler<TNotification>>())
        {
            await handler.HandleAsync(notification, cancellationToken);
        }
    }
}

public static class NotificationServiceCollectionExtensions
{
    public static IServiceCollection AddNotificationHandler<TNotification, THandler>(this IServiceCollection services)
        where TNotification : INotification
        where THandler : class, INotificationHandler<TNotification>
    {
        services.AddTransient<INotificationHandler<TNotification>, THandler>();
        return services;
    }

    /// <summary>Registers <typeparamref name="THandler"/> for every notification it handles.</summary>
    public static IServiceCollection AddNotificationHandlers<THandler>(this IServiceCollection services)
        where THandler : class
    {
        services.AddTransient<THandler>();
        var contracts = typeof(THandler).GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(INotificationHandler<>));
        foreach (var contract in contracts)
        {
            services.AddTransient(contract, sp => sp.GetRequiredService<THandler>());
        }

        return services;
    }
}
