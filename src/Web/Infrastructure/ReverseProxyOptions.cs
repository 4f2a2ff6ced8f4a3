using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace ChildProtection.Web.Infrastructure;

/// <summary>
/// The "ReverseProxy" section: the proxies (nginx, a load balancer) whose X-Forwarded-For and X-Forwarded-Proto are
/// believed. Behind one, the client's real address is what the contests' per-client limits count, and links in
/// e-mails keep the https the visitor used.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Networks in CIDR form ("10.0.0.0/8"); when none are configured, only a proxy on the same machine.</summary>
    public string[]? TrustedNetworks { get; set; }

    public IEnumerable<string> Networks => TrustedNetworks is { Length: > 0 } configured ? configured : ["127.0.0.0/8", "::1/128"];
}

public static class ReverseProxyExtensions
{
    public static IServiceCollection AddReverseProxy(this IServiceCollection services)
    {
        services.AddOptions<ReverseProxyOptions>().BindConfiguration(ReverseProxyOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReverseProxyOptions>, ReverseProxyValidation>();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // No hop limit: each hop is believed only while the address it came from is in a trusted network.
            forwarded.ForwardLimit = null;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in proxy.Value.Networks)
            {
                forwarded.KnownIPNetworks.Add(IPNetwork.Parse(network));
            }
        });
        return services;
    }

    /// <summary>Names the entry that is not a network, so a typo stops start-up with a message that says where.</summary>
    private sealed class ReverseProxyValidation : IValidateOptions<ReverseProxyOptions>
    {
        public ValidateOptionsResult Validate(string? name, ReverseProxyOptions options) =>
            options.Networks.FirstOrDefault(n => !IPNetwork.TryParse(n, out _)) is { } wrong
                ? ValidateOptionsResult.Fail($"ReverseProxy:TrustedNetworks: \"{wrong}\" is not a network in CIDR form, such as 10.0.0.0/8.")
                : ValidateOptionsResult.Success;
    }
}
