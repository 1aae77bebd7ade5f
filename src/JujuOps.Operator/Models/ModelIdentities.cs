using System.Security.Cryptography;
using System.Text;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Providers;
using k8s.Models;

namespace JujuOps.Operator.Models;

/// <summary>
/// UUIDs that survive any restart without being stored first: a model's and a controller's UUID is its object's
/// Kubernetes UID, unique and fixed for the object's life. The status repeats it for users; nothing depends on
/// the status write having happened, so a create interrupted before it adopts its own namespace afterwards.
/// </summary>
public static class ModelIdentities
{
    /// <summary>The name of a controller's own model (reference §1.6: <c>is-controller: true</c>).</summary>
    public const string ControllerModelName = "controller";

    public static string ModelName(JujuModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return string.IsNullOrEmpty(model.Spec.Name) ? model.Name() : model.Spec.Name;
    }

    public static string ControllerName(JujuController controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        return string.IsNullOrEmpty(controller.Spec.Name) ? controller.Name() : controller.Spec.Name;
    }

    public static ModelIdentity For(JujuModel model, JujuController controller)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(controller);
        return new ModelIdentity(ModelName(model), model.Uid(), controller.Uid()) { ControllerName = ControllerName(controller) };
    }

    /// <summary>The controller model's UUID: a name-based UUID (version 5 layout) from the controller's UID.</summary>
    public static ModelIdentity ControllerModel(JujuController controller)
    {
        ArgumentNullException.ThrowIfNull(controller);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(controller.Uid() + "/" + ControllerModelName));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var uuid = new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
        return new ModelIdentity(ControllerModelName, uuid, controller.Uid()) { IsControllerModel = true, ControllerName = ControllerName(controller) };
    }
}
