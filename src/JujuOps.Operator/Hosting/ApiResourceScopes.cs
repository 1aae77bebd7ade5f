using System.Reflection;
using JujuOps.Api.Crds;
using JujuOps.Api.Schema;
using JujuOps.Runtime.Resources;

namespace JujuOps.Operator.Hosting;

/// <summary>
/// Tells the runtime which of our kinds are cluster-scoped. The API types declare their scope with the CRD
/// generator's <see cref="CustomResourceAttribute"/>, because the API project must not depend on the runtime; this
/// copies that one fact across, so the CRDs and the runtime can never disagree about it.
/// </summary>
public static class ApiResourceScopes
{
    public static void Declare()
    {
        foreach (var type in CrdGenerator.ResourceTypes)
        {
            if (type.GetCustomAttribute<CustomResourceAttribute>()?.Scope == ResourceScope.Cluster)
                ResourceDescriptor.DeclareClusterScoped(type);
        }
    }
}
