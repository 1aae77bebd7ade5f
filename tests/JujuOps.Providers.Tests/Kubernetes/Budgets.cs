using JujuOps.Domain.Quantities;

namespace JujuOps.Providers.Tests.Kubernetes;

/// <summary>Budget quantities as the plan hands them over: parsed by the domain.</summary>
internal static class Budgets
{
    public static Quantity Q(string text) => Quantity.Parse(text, "budget");
}
