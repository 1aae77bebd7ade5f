using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using k8s.Models;

namespace JujuOps.Cli.Context;

/// <summary>How a resource reads in Juju's terms: a model's name, owner and controller; a controller's name.</summary>
public static class ModelIdentity
{
    public const string DefaultOwner = "admin";

    /// <summary>The Juju model name: <c>spec.name</c>, else the object's name.</summary>
    public static string JujuName(this JujuModel model) => string.IsNullOrEmpty(model.Spec.Name) ? model.Name() : model.Spec.Name;

    public static string Owner(this JujuModel model) => string.IsNullOrEmpty(model.Spec.Owner) ? DefaultOwner : model.Spec.Owner;

    /// <summary><c>owner/name</c>, as Juju qualifies a model.</summary>
    public static string Qualified(this JujuModel model) => $"{model.Owner()}/{model.JujuName()}";

    /// <summary>The controller the model lives on: where it was added (status), else where the spec points.</summary>
    public static string ControllerObject(this JujuModel model) =>
        string.IsNullOrEmpty(model.Status?.Controller) ? model.Spec.Controller : model.Status.Controller;

    public static ModelReference Reference(this JujuModel model) => new(model.Namespace(), model.Name());

    /// <summary>The Juju controller name: <c>spec.name</c>, else the object's name.</summary>
    public static string JujuName(this JujuController controller) =>
        string.IsNullOrEmpty(controller.Spec.Name) ? controller.Name() : controller.Spec.Name;
}
