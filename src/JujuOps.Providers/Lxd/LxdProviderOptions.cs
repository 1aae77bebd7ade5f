using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace JujuOps.Providers.Lxd;

/// <summary>How the LXD provider paces its work on one LXD (configuration section <c>JujuOps:Lxd</c>).</summary>
public sealed class LxdProviderOptions
{
    public const string Section = "JujuOps:Lxd";

    /// <summary>
    /// How many of one model's machines are made (created, started, repaired) at once. Juju's provisioner also makes
    /// machines in parallel; LXD does the slow part (unpacking the image) per instance, so a few at once use the host
    /// better than one after another. A model with a budget is always made one machine at a time, in id order, so
    /// that LXD's aggregate check refuses the same (the later) machines every time.
    /// </summary>
    [Range(1, 64)]
    public int MaxConcurrentInstanceOperations { get; set; } = 4;
}

/// <summary>Says every problem of <see cref="LxdProviderOptions"/> at once, at start.</summary>
public sealed class LxdProviderOptionsValidator : IValidateOptions<LxdProviderOptions>
{
    public ValidateOptionsResult Validate(string? name, LxdProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), failures, validateAllProperties: true);
        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures.Select(f => $"{LxdProviderOptions.Section}: {f.ErrorMessage}"));
    }
}
