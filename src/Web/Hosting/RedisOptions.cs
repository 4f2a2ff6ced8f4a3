using System.ComponentModel.DataAnnotations;

namespace ChildProtection.Web.Hosting;

/// <summary>How the site uses the Redis that <c>ConnectionStrings:Redis</c> names.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>The prefix of this site's keys, so that several sites can share one Redis.</summary>
    [Required(AllowEmptyStrings = false)]
    public string InstanceName { get; set; } = "childprotection:";
}
