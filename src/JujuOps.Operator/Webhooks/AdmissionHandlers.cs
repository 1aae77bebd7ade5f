using System.Text.Json;
using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Domain;
using JujuOps.Operator.Clouds;
using JujuOps.Operator.Controllers;
using JujuOps.Operator.Defaults;
using JujuOps.Operator.Hosting;
using JujuOps.Operator.Migrations;
using JujuOps.Operator.Models;
using JujuOps.Runtime.Cache;
using k8s;
using Microsoft.Extensions.Options;

namespace JujuOps.Operator.Webhooks;

/// <summary>
/// Turns one AdmissionRequest into a decision: reads the objects and what the caches know, asks the pure rules.
/// The caches are the informers every replica keeps, so any replica answers the same.
/// </summary>
public sealed class AdmissionHandlers(
    IResourceCache<JujuModel> models,
    IResourceCache<JujuController> controllers,
    IResourceCache<ModelDefaults> defaults,
    IResourceCache<ModelMigration> migrations,
    IModelProviders providers,
    IOptions<OperatorOptions> options)
{
    public AdmissionDecision JujuModel(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var old = Read<JujuModel>(request.OldObject);
        var model = Read<JujuModel>(request.NewObject) ?? old;
        if (model is null)
            return AdmissionDecision.Invalid("cannot read the JujuModel in the request");
        if (request.Operation is "UPDATE" or "DELETE" && old is null)
            return AdmissionDecision.Invalid("cannot read the stored JujuModel in the request");
        if ((Shape(model.Metadata, model.Spec) ?? (old is null ? null : Shape(old.Metadata, old.Spec))) is { } problem)
            return AdmissionDecision.Invalid(problem);
        var changes = request.Operation == "UPDATE" && old is not null
            ? ModelChanges.Between(old, model, Spec(request.OldObject), Spec(request.NewObject))
            : null;
        var settings = options.Value;
        return ModelAdmission.Decide(new ModelAdmissionInput(request.Operation, model, old, changes, Requester(request),
            controllers.Get(null, model.Spec.Controller), defaults.List(), settings.DefaultAgentVersion, providers.CloudTypes,
            MigrationRecords.CommittedMove(migrations.List(model.Metadata.NamespaceProperty), model)));
    }

    /// <summary>The reconciler's spec checks (<see cref="ControllerSpecValidation"/>), with Juju's texts.</summary>
    public static AdmissionDecision JujuController(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Read<JujuController>(request.NewObject) is not { } controller)
            return AdmissionDecision.Invalid("cannot read the JujuController in the request");
        if (Shape(controller.Metadata, controller.Spec) is { } problem)
            return AdmissionDecision.Invalid(problem);
        try
        {
            ControllerSpecValidation.Validate(controller.Spec.Name ?? controller.Metadata.Name, controller.Spec);
            return AdmissionDecision.Allow;
        }
        catch (JujuValidationException e)
        {
            return AdmissionDecision.Invalid(e.Message);
        }
    }

    /// <summary>model-defaults: only superusers (reference §3), values checked as the reconciler checks them.</summary>
    public AdmissionDecision ModelDefaults(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Read<ModelDefaults>(request.NewObject) is not { } modelDefaults)
            return AdmissionDecision.Invalid("cannot read the ModelDefaults in the request");
        if (Shape(modelDefaults.Metadata, modelDefaults.Spec) is { } problem)
            return AdmissionDecision.Invalid(problem);
        var controller = controllers.Get(null, modelDefaults.Spec.Controller);
        if (!Requester(request).IsSuperuser(controller?.Spec))
            return AdmissionDecision.Forbidden(Domain.Access.Permissions.Denied);
        if (controller is null)
            return AdmissionDecision.Allow;
        try
        {
            return AdmissionDecision.AllowWith([.. DefaultsValidation.Validate(modelDefaults.Spec, controller.Spec).Select(w => w.Text)]);
        }
        catch (JujuValidationException e)
        {
            return AdmissionDecision.Invalid(e.Message);
        }
    }

    /// <summary>
    /// <c>juju migrate</c>'s checks that can be answered at once (reference §9.2), by the code the migration's
    /// reconciler runs (<see cref="MigrationFacts.Precheck"/>); the rest it finds, as before, in its status.
    /// </summary>
    public AdmissionDecision ModelMigration(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Operation != "CREATE")
            return AdmissionDecision.Allow;
        if (Read<ModelMigration>(request.NewObject) is not { } migration)
            return AdmissionDecision.Invalid("cannot read the ModelMigration in the request");
        if (Shape(migration.Metadata, migration.Spec) is { } problem)
            return AdmissionDecision.Invalid(problem);
        migration.Metadata.NamespaceProperty ??= request.Namespace;
        return MigrationFacts.Precheck(migration, PrecheckStage.Admission, migrations, models, controllers, options.Value.DefaultAgentVersion, out _, out _)
            is { } refusal ? AdmissionDecision.Invalid(refusal) : AdmissionDecision.Allow;
    }

    /// <summary>Pods in a model namespace: the merged constraints as container limits and node affinity.</summary>
    public AdmissionDecision Pod(AdmissionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.NewObject is not { ValueKind: JsonValueKind.Object } raw || request.Namespace is not { } ns)
            return AdmissionDecision.Allow;
        // The namespace is named after the model (reference §13.1).
        var named = models.ByIndex(ModelObjectWatches.ModelNameIndex.Name, ns);
        var model = named.FirstOrDefault(m => m.Status?.ProviderType == "kubernetes") ?? (named.Count > 0 ? named[0] : null);
        if (model is null)
            return AdmissionDecision.Allow;
        var pod = JsonNode.Parse(raw.GetRawText())!;
        try
        {
            var patch = PodConstraints.Patch(pod, PodConstraints.For(model, PodConstraints.ApplicationOf(pod)), out var warning);
            return new AdmissionDecision(true, Warnings: warning is null ? null : [warning], Patch: patch);
        }
        catch (ModelPlanException)
        {
            // Constraints the model refuses are the model's problem (Stalled), not the pod's: the LimitRange stays.
            return AdmissionDecision.Allow;
        }
    }

    private Requester Requester(AdmissionRequest request) => Webhooks.Requester.From(request.UserInfo, options.Value.Webhooks.SuperuserGroups);

    /// <summary>What the CRD schema requires and the rules dereference (<see cref="SchemaShape"/>), in the API server's words.</summary>
    private static string? Shape(k8s.Models.V1ObjectMeta? metadata, object? spec) =>
        string.IsNullOrEmpty(metadata?.Name) ? "metadata.name: Required value"
        // The API server sets the uid before validating admission (even for a create); model UUIDs derive from it.
        : string.IsNullOrEmpty(metadata.Uid) ? "metadata.uid: Required value"
        : spec is null ? "spec: Required value"
        : SchemaShape.Problem(spec, "spec");

    private static T? Read<T>(JsonElement? element) where T : class
    {
        if (element is not { ValueKind: JsonValueKind.Object } value)
            return null;
        try
        {
            return KubernetesJson.Deserialize<T>(value.GetRawText());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? Spec(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("spec", out var spec) ? JsonNode.Parse(spec.GetRawText()) : null;
}
