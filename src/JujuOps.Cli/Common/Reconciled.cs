using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Cli.Kube;
using k8s.Models;

namespace JujuOps.Cli.Common;

/// <summary>
/// Waits for the operator to answer a change, as Juju's synchronous API answers: a verb that wrote a spec reads
/// the model until its status describes that generation, and reports the operator's refusal as its own error.
/// </summary>
public static class Reconciled
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static Condition? Find(IEnumerable<Condition>? conditions, string type) =>
        conditions?.FirstOrDefault(c => c.Type == type);

    public static bool IsTrue(IEnumerable<Condition>? conditions, string type) =>
        Find(conditions, type)?.Status == ConditionStatus.True;

    /// <summary>
    /// Reads the model until its status reflects <paramref name="generation"/>; then the condition named by
    /// <paramref name="condition"/> being False is the refusal (thrown with the operator's message, which carries
    /// Juju's text). Returns the model, or the last one read when the operator has not answered in time.
    /// </summary>
    public static async Task<JujuModel?> ModelAsync(JujuResources resources, JujuModel model, long generation, string condition, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var now = await resources.GetModelAsync(model.Namespace(), model.Name(), cancellationToken).ConfigureAwait(false);
            if (now?.Status is { } status && status.ObservedGeneration >= generation)
            {
                if (Find(status.Conditions, condition) is { Status: ConditionStatus.False } refused)
                    throw new CliException(refused.Message);
                return now;
            }

            if (now is null || DateTime.UtcNow > deadline)
                return now;
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
