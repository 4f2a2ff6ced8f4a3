using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.OutputCaching.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace ChildProtection.Web.Hosting;

/// <summary>
/// Redis, where it is the right tool and only when <c>ConnectionStrings:Redis</c> names one: the output cache shared by
/// every node, so that a page rendered on one is served from the cache by the others (its key names the published state
/// it shows, the same on every node: see <c>PublishedStateCachePolicy</c>). Without it each node caches in its own memory.
/// Redis being down never stops a page: the cache is skipped while the connection is down, and the site renders.
/// </summary>
public static class SharedCache
{
    public const string ConnectionStringName = "Redis";

    public static WebApplicationBuilder AddSharedCache(this WebApplicationBuilder builder)
    {
        if (builder.Configuration.GetConnectionString(ConnectionStringName) is not { Length: > 0 } configuration)
        {
            return builder;
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException e)
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not a Redis configuration: {e.Message}", e);
        }

        // The start does not wait for Redis, and a request does not wait for a Redis that is down: commands fail at once
        // while the connection is being made again in the background.
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        var redis = new RedisConnection(options);
        builder.Services.AddSingleton(_ => redis);
        builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddStackExchangeRedisOutputCache(cache => cache.ConnectionMultiplexerFactory = redis.ConnectAsync);
        builder.Services.AddOptions<RedisOutputCacheOptions>().Configure<IOptions<RedisOptions>>((cache, options) => cache.InstanceName = options.Value.InstanceName);

        // The store Redis's package registered, behind one that skips it while Redis does not answer.
        var redisStore = builder.Services.Last(d => d.ServiceType == typeof(IOutputCacheStore));
        builder.Services.Remove(redisStore);
        builder.Services.AddSingleton<IOutputCacheStore>(sp => new SkipWhenDownOutputCacheStore(
            (IOutputCacheBufferStore)Create(sp, redisStore), sp.GetRequiredService<RedisConnection>(), sp.GetRequiredService<ILogger<SkipWhenDownOutputCacheStore>>()));
        builder.Services.AddHealthChecks().AddCheck<RedisCheck>("redis", tags: [Health.ReadyTag]);
        return builder;
    }

    private static object Create(IServiceProvider services, ServiceDescriptor descriptor) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);

    /// <summary>Without Redis the pages are rendered on each node: degraded, not down.</summary>
    private sealed class RedisCheck(RedisConnection redis) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(redis.IsConnected
                ? HealthCheckResult.Healthy("Redis answers: the nodes share their cached pages.")
                : HealthCheckResult.Degraded("Redis does not answer: each page is rendered without the shared cache (ConnectionStrings:Redis)."));
    }
}

/// <summary>The site's one connection to Redis, made in the background from the start (and made again by the client when lost).</summary>
internal sealed class RedisConnection(ConfigurationOptions options) : IAsyncDisposable
{
    private readonly Task<IConnectionMultiplexer> _connecting = Connect(options);

    public bool IsConnected => _connecting is { IsCompletedSuccessfully: true } connecting && connecting.Result.IsConnected;

    public Task<IConnectionMultiplexer> ConnectAsync() => _connecting;

    public async ValueTask DisposeAsync()
    {
        if (_connecting.IsCompletedSuccessfully)
        {
            await _connecting.Result.DisposeAsync();
        }
    }

    private static async Task<IConnectionMultiplexer> Connect(ConfigurationOptions options) => await ConnectionMultiplexer.ConnectAsync(options);
}

/// <summary>
/// The Redis store while Redis answers; while it does not, a miss for every read and nothing stored, so that the page is
/// rendered at once instead of waiting on a connection that is not there. One warning per outage, not one per request.
/// </summary>
internal sealed class SkipWhenDownOutputCacheStore(IOutputCacheBufferStore inner, RedisConnection redis, ILogger<SkipWhenDownOutputCacheStore> logger)
    : IOutputCacheBufferStore
{
    private int _down;

    public ValueTask EvictByTagAsync(string tag, CancellationToken cancellationToken) =>
        TryAsync(() => inner.EvictByTagAsync(tag, cancellationToken));

    public ValueTask<byte[]?> GetAsync(string key, CancellationToken cancellationToken) =>
        TryAsync(() => inner.GetAsync(key, cancellationToken), null);

    public ValueTask SetAsync(string key, byte[] value, string[]? tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        TryAsync(() => inner.SetAsync(key, value, tags, validFor, cancellationToken));

    public ValueTask<bool> TryGetAsync(string key, PipeWriter destination, CancellationToken cancellationToken) =>
        TryAsync(() => inner.TryGetAsync(key, destination, cancellationToken), false);

    public ValueTask SetAsync(string key, ReadOnlySequence<byte> value, ReadOnlyMemory<string> tags, TimeSpan validFor, CancellationToken cancellationToken) =>
        TryAsync(() => inner.SetAsync(key, value, tags, validFor, cancellationToken));

    private bool Up()
    {
        if (redis.IsConnected)
        {
            if (Interlocked.Exchange(ref _down, 0) == 1)
            {
                logger.LogInformation("Redis answers again: cached pages are shared again.");
            }

            return true;
        }

        Down(null);
        return false;
    }

    /// <summary>The call's answer while Redis answers; <paramref name="otherwise"/> (a miss) while it does not.</summary>
    private async ValueTask<T> TryAsync<T>(Func<ValueTask<T>> call, T otherwise)
    {
        if (!Up())
        {
            return otherwise;
        }

        try
        {
            return await call();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Down(e);
            return otherwise;
        }
    }

    private async ValueTask TryAsync(Func<ValueTask> call) =>
        await TryAsync(async () => { await call(); return true; }, false);

    private void Down(Exception? error)
    {
        if (Interlocked.Exchange(ref _down, 1) == 0)
        {
            logger.LogWarning(error, "Redis does not answer: pages are rendered without the shared cache until it does.");
        }
    }
}
