namespace JujuOps.Api.V1Alpha1.Common;

/// <summary>The API group and version every JujuOps resource belongs to.</summary>
public static class ApiGroup
{
    public const string Name = "jujuops.io";

    public const string Version = "v1alpha1";

    /// <summary>The <c>apiVersion</c> of every JujuOps object.</summary>
    public const string ApiVersion = Name + "/" + Version;
}
