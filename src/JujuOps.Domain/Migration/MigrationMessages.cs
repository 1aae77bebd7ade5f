namespace JujuOps.Domain.Migration;

/// <summary>The migration-master's status texts (reference §9.4), and how they reach the model's status (§9.5).</summary>
public static class MigrationMessages
{
    public const string SourcePrechecks = "performing source prechecks";
    public const string TargetPrechecks = "performing target prechecks";
    public const string Quiesced = "quiescing, all agents reported success";
    public const string WaitingForAgents = "quiescing, waiting for agents to report back";
    public const string QuiesceTimedOut = "quiescing, timed out waiting for agents to report";
    public const string Exporting = "exporting model";
    public const string Importing = "importing model into target controller";
    public const string ProcessingRelations = "processing relations";
    public const string CheckingMachines = "checking machines in migrated model";
    public const string Activating = "activating model in target controller";
    public const string SuccessWaiting = "successful, waiting for agents to report back";
    public const string TransferringOwnership = "transferring ownership of cloud resources to target controller";
    public const string LogsTransferred = "successful, transferred logs to target controller (0 sent)";
    public const string Reaping = "successful, removing model from source controller";

    /// <summary>IMPORT's failure text: <c>model data transfer failed, &lt;err&gt;</c>.</summary>
    public static string TransferFailed(string error) => "model data transfer failed, " + error;

    /// <summary>VALIDATION's failure text when the migrated model's machines or workloads are not all there.</summary>
    public static string SanityCheckFailed(int errors) =>
        $"machine sanity check failed, {errors} error{(errors == 1 ? "" : "s")} found";

    /// <summary>VALIDATION's failure text when activation fails.</summary>
    public static string ActivationFailed(string error) => "model activation failed, " + error;

    /// <summary>REAP's failure text.</summary>
    public static string ReapFailed(string error) => "removing exported model failed: " + error;

    /// <summary>ABORT's message, carrying the failure (or the user's abort) that caused it.</summary>
    public static string Aborted(string reason) => "aborted, removing model from target controller: " + reason;

    /// <summary>The reason an abort asked for by the user carries.</summary>
    public const string UserAbort = "migration aborted by user";

    /// <summary>
    /// The model status while (and after) it migrates: <c>busy</c> in a non-terminal phase, <c>available</c> in a
    /// terminal one, with the message <c>migrating: &lt;msg&gt;</c>.
    /// </summary>
    public static (string Current, string Message) ModelStatus(MigrationPhase phase, string message) =>
        (phase.IsTerminal() ? "available" : "busy", "migrating: " + message);

    /// <summary>Juju's migration id: <c>&lt;model-uuid&gt;:&lt;attempt&gt;</c>, attempts counted from 0.</summary>
    public static string MigrationId(string modelUuid, int attempt) => $"{modelUuid}:{attempt}";
}
