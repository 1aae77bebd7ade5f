using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Common;
using JujuOps.Cli.Kube;
using k8s.Models;

namespace JujuOps.Cli.Context;

/// <summary>
/// What every verb works with: the resources, the remembered current controller and model of this kubeconfig
/// context, and the terminal. It resolves <c>-c</c> and <c>-m</c> the way Juju does. The cluster is opened on
/// first use, so a verb that refuses its arguments says so before reading any kubeconfig.
/// </summary>
public sealed class CliSession(Lazy<(JujuResources Resources, string KubeContext)> cluster, CurrentModelStore store, CliConsole console)
{
    public CliSession(JujuResources resources, CurrentModelStore store, string kubeContext, CliConsole console)
        : this(new Lazy<(JujuResources, string)>((resources, kubeContext)), store, console)
    {
    }

    public JujuResources Resources => cluster.Value.Resources;

    public CurrentModelStore Store => store;

    public string KubeContext => cluster.Value.KubeContext;

    public CliConsole Console => console;

    /// <summary>
    /// The controller named by <c>-c</c>, else the current one, else the only one there is. Juju names controllers
    /// by their name; the JujuController object's name is accepted too.
    /// </summary>
    public async Task<JujuController> ControllerAsync(string? name, CancellationToken cancellationToken)
    {
        var controllers = await Resources.ListControllersAsync(cancellationToken).ConfigureAwait(false);
        name ??= await CurrentControllerNameAsync(cancellationToken).ConfigureAwait(false);
        if (name is not null)
            return FindController(controllers, name) ?? throw new CliException($"controller {name} not found");
        return controllers.Count switch
        {
            0 => throw new CliException("No controllers registered.\n\nDeclare a JujuController (kubectl apply) to add one."),
            1 => controllers[0],
            _ => throw new CliException("No selected controller.\n\nPlease use \"kubectl juju switch\" to select a controller."),
        };
    }

    public static JujuController? FindController(IEnumerable<JujuController> controllers, string name) =>
        controllers.FirstOrDefault(c => c.JujuName() == name) ?? controllers.FirstOrDefault(c => c.Name() == name);

    /// <summary>
    /// The model named by <c>-m [controller:][owner/]model</c>, else the current model. A bare name is looked for
    /// among the models of the (given or current) controller; an owner narrows it as in Juju.
    /// </summary>
    public async Task<JujuModel> ModelAsync(string? option, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(option))
        {
            var current = store.Get(KubeContext)
                ?? throw new CliException("No selected model.\n\nUse \"kubectl juju switch\" to select one, or -m <model>.");
            return await Resources.GetModelAsync(current.Namespace, current.Name, cancellationToken).ConfigureAwait(false)
                ?? throw new CliException($"model {current.Name} not found (the current model's JujuModel {current} is gone)");
        }

        var target = ModelPath.Parse(option);
        // The models are listed while the controller is found: one round trip less on a cold start.
        var listing = Resources.ListModelsAsync(cancellationToken);
        var controller = await ControllerAsync(target.Controller, cancellationToken).ConfigureAwait(false);
        var models = await listing.ConfigureAwait(false);
        return FindModel(models, controller, target.Owner, target.Model)
            ?? throw new CliException($"model {(target.Owner is null ? "" : target.Owner + "/")}{target.Model} not found");
    }

    /// <summary>The model called <paramref name="name"/> (optionally of <paramref name="owner"/>) on a controller.</summary>
    public static JujuModel? FindModel(IEnumerable<JujuModel> models, JujuController controller, string? owner, string name)
    {
        var matches = models
            .Where(m => m.ControllerObject() == controller.Name() && m.JujuName() == name && (owner is null || m.Owner() == owner))
            .ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            // Juju qualifies by the logged-in user; without one, a name two owners share must be qualified.
            _ => matches.FirstOrDefault(m => m.Owner() == ModelIdentity.DefaultOwner)
                ?? throw new CliException($"model name \"{name}\" is ambiguous: qualify it as <owner>/{name}"),
        };
    }

    /// <summary>The current controller: remembered, else the current model's.</summary>
    public async Task<string?> CurrentControllerNameAsync(CancellationToken cancellationToken)
    {
        if (store.GetController(KubeContext) is { } controller)
            return controller;
        if (store.Get(KubeContext) is { } current
            && await Resources.GetModelAsync(current.Namespace, current.Name, cancellationToken).ConfigureAwait(false) is { } model)
            return model.ControllerObject();
        return null;
    }
}

/// <summary>A model as the command line names it: <c>[controller:][owner/]model</c>.</summary>
public sealed record ModelPath(string? Controller, string? Owner, string Model)
{
    public static ModelPath Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var controller = colon >= 0 ? text[..colon] : null;
        var rest = colon >= 0 ? text[(colon + 1)..] : text;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var owner = slash >= 0 ? rest[..slash] : null;
        var model = slash >= 0 ? rest[(slash + 1)..] : rest;
        if (model.Length == 0 || controller?.Length == 0 || owner?.Length == 0)
            throw new CliException($"invalid model name \"{text}\"");
        return new ModelPath(controller, owner, model);
    }
}
