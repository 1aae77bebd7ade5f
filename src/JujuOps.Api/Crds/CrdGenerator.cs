using System.Reflection;
using JujuOps.Api.Schema;
using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Api.V1Alpha1.Common;
using k8s.Models;

namespace JujuOps.Api.Crds;

/// <summary>Turns our resource types into CustomResourceDefinitions: the single source of truth for our API.</summary>
public static class CrdGenerator
{
    /// <summary>Every JujuOps resource type, in the order the CRD files are listed.</summary>
    public static IReadOnlyList<Type> ResourceTypes { get; } =
        [typeof(JujuController), typeof(JujuModel), typeof(ModelDefaults), typeof(ModelMigration)];

    public static IReadOnlyList<V1CustomResourceDefinition> GenerateAll() => [.. ResourceTypes.Select(Generate)];

    public static V1CustomResourceDefinition Generate(Type resourceType)
    {
        var entity = resourceType.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{resourceType.Name} has no [KubernetesEntity]", nameof(resourceType));
        var resource = resourceType.GetCustomAttribute<CustomResourceAttribute>()
            ?? throw new ArgumentException($"{resourceType.Name} has no [CustomResource]", nameof(resourceType));

        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = $"{entity.PluralName}.{entity.Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = entity.Group,
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = entity.Kind,
                    ListKind = entity.Kind + "List",
                    Plural = entity.PluralName,
                    Singular = entity.Kind.ToLowerInvariant(),
                    ShortNames = [resource.ShortName],
                    Categories = [resource.Category],
                },
                Scope = resource.Scope.ToString(),
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = entity.ApiVersion,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = RootSchema(resourceType) },
                        Subresources = new V1CustomResourceSubresources { Status = new object() },
                        AdditionalPrinterColumns = PrinterColumns(resourceType),
                    },
                ],
            },
        };
    }

    /// <summary>The file name kubebuilder would use, e.g. <c>jujuops.io_jujumodels.yaml</c>.</summary>
    public static string FileName(V1CustomResourceDefinition crd) => $"{crd.Spec.Group}_{crd.Spec.Names.Plural}.yaml";

    private static V1JSONSchemaProps RootSchema(Type resourceType)
    {
        var (specType, statusType) = SpecAndStatusTypes(resourceType);
        var spec = SchemaBuilder.ForObject(specType);
        var status = SchemaBuilder.ForObject(statusType);
        return new V1JSONSchemaProps
        {
            Type = "object",
            Description = resourceType.GetCustomAttribute<DescriptionAttribute>()?.Text,
            Properties = new Dictionary<string, V1JSONSchemaProps>
            {
                ["apiVersion"] = new()
                {
                    Type = "string",
                    Description = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.",
                },
                ["kind"] = new()
                {
                    Type = "string",
                    Description = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. In CamelCase.",
                },
                ["metadata"] = new() { Type = "object" },
                ["spec"] = spec,
                ["status"] = status,
            },
            Required = ["spec"],
        };
    }

    private static (Type Spec, Type Status) SpecAndStatusTypes(Type resourceType)
    {
        for (var t = resourceType.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(CustomResource<,>))
                return (t.GetGenericArguments()[0], t.GetGenericArguments()[1]);
        }

        throw new ArgumentException($"{resourceType.Name} does not derive from CustomResource<TSpec, TStatus>", nameof(resourceType));
    }

    private static List<V1CustomResourceColumnDefinition>? PrinterColumns(Type resourceType)
    {
        var columns = resourceType.GetCustomAttributes<PrinterColumnAttribute>()
            .Select(c => new V1CustomResourceColumnDefinition
            {
                Name = c.Name,
                JsonPath = c.JsonPath,
                Type = c.Type,
                Description = c.Description,
                // The API server leaves an absent priority absent; writing 0 would be noise.
                Priority = c.Priority == 0 ? null : c.Priority,
            })
            .ToList();
        return columns.Count > 0 ? columns : null;
    }
}
