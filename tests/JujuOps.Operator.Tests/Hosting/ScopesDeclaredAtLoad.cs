using System.Runtime.CompilerServices;
using JujuOps.Operator.Hosting;

namespace JujuOps.Operator.Tests.Hosting;

/// <summary>
/// Declares our kinds' scopes when this test assembly loads, before any test runs. The operator does it first thing in
/// <see cref="OperatorServices.AddJujuOpsOperator"/>; tests that build a reconciler or a client without the host would
/// otherwise race <see cref="ApiResourceScopesTests"/>: whichever describes <c>JujuController</c> first fixes its scope
/// for the process, and the late declaration then refuses, as it must in the operator.
/// </summary>
internal static class ScopesDeclaredAtLoad
{
#pragma warning disable CA2255 // A test assembly is application code: this is the one place that runs before every test.
    [ModuleInitializer]
    internal static void Declare() => ApiResourceScopes.Declare();
#pragma warning restore CA2255
}
