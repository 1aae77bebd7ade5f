using JujuOps.Domain.Configuration;
using JujuOps.Domain.Defaults;

namespace JujuOps.Domain.Tests.Configuration;

/// <summary>
/// A whole model config needs the identity keys Juju always writes (name, type, uuid); these helpers add Juju's
/// test values (environs/config/config_test.go minimalConfigAttrs) to the keys a test is about.
/// </summary>
internal static class WholeConfig
{
    public const string Uuid = "dcfbdb4a-bca2-49ad-aa7c-f011424e0fe4";

    public static readonly IReadOnlyDictionary<string, string> Identity = new Dictionary<string, string>
    {
        ["name"] = "my-name",
        ["type"] = "my-type",
        ["uuid"] = Uuid,
    };

    public static Dictionary<string, string> With(IReadOnlyDictionary<string, string> keys)
    {
        var config = new Dictionary<string, string>(Identity, StringComparer.Ordinal);
        foreach (var (key, value) in keys)
        {
            config[key] = value;
        }

        return config;
    }

    public static ValidatedConfig ValidateWhole(this ModelConfigCatalog catalog, IReadOnlyDictionary<string, string> keys) =>
        catalog.Validate(With(keys));

    public static ModelSettings Create(ConfigDefaults layers, IReadOnlyDictionary<string, string> keys, bool callerIsControllerAdmin = false) =>
        ModelSettings.Create(layers, With(keys), callerIsControllerAdmin);
}
