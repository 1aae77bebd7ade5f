namespace JujuOps.Providers;

/// <summary>Who a model is: its name and the UUIDs that prove a cloud resource belongs to it.</summary>
/// <param name="Name">The Juju model name.</param>
/// <param name="ModelUuid">The model's UUID, generated once at creation and kept in the model's status.</param>
/// <param name="ControllerUuid">The UUID of the controller the model belongs to.</param>
public sealed record ModelIdentity(string Name, string ModelUuid, string ControllerUuid)
{
    /// <summary>True for a controller's own <c>controller</c> model.</summary>
    public bool IsControllerModel { get; init; }

    /// <summary>The controller's name; the controller model's namespace is named after it.</summary>
    public string? ControllerName { get; init; }
}
