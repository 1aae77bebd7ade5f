using JujuOps.Cli.Common;

namespace JujuOps.Cli.Switching;

/// <summary>
/// What <c>juju switch &lt;target&gt;</c> names: <c>foo</c> (a controller if one is called so, else a model of the
/// current controller), <c>:foo</c> (a model of the current controller), <c>foo:bar</c> (model bar on controller
/// foo) and <c>foo:</c> (the last model used on controller foo). A model may be qualified <c>owner/name</c>.
/// </summary>
public sealed record SwitchTarget(string? Controller, string? Model, bool Ambiguous)
{
    public static SwitchTarget Parse(string text)
    {
        if (string.IsNullOrEmpty(text) || text == ":")
            throw new CliException($"invalid target name \"{text}\"");
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return new SwitchTarget(text, text, Ambiguous: true);
        var controller = text[..colon];
        var model = text[(colon + 1)..];
        return new SwitchTarget(controller.Length == 0 ? null : controller, model.Length == 0 ? null : model, Ambiguous: false);
    }
}
