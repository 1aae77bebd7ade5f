using JujuOps.Api.V1Alpha1.Controllers;
using JujuOps.Api.V1Alpha1.Defaults;
using JujuOps.Api.V1Alpha1.Migrations;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Operator.Hosting;
using JujuOps.Runtime.Resources;

namespace JujuOps.Operator.Tests.Hosting;

public class ApiResourceScopesTests
{
    [Fact]
    public void The_runtime_sees_the_scope_the_CRDs_declare()
    {
        ApiResourceScopes.Declare();

        Assert.False(ResourceDescriptor.For<JujuController>().Namespaced);
        Assert.False(ResourceDescriptor.For<ModelDefaults>().Namespaced);
        Assert.True(ResourceDescriptor.For<JujuModel>().Namespaced);
        Assert.True(ResourceDescriptor.For<ModelMigration>().Namespaced);
    }
}
