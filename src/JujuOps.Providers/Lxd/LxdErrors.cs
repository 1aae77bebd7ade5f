namespace JujuOps.Providers.Lxd;

/// <summary>Which LXD errors are LXD refusing a machine (kept in LXD's words), and which are worth a retry.</summary>
public static class LxdErrors
{
    /// <summary>
    /// LXD's 400 (bad request), 403 and 404 (e.g. no such image), and its project-limits check, which LXD 5.0 answers
    /// with a 500 (<c>Failed checking if instance creation allowed: Reached maximum aggregate value ...</c>): retrying
    /// without a change gets the same answer. Any other 5xx, or a timed-out operation, is retried.
    /// </summary>
    public static bool IsRefusal(LxdException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.StatusCode is 400 or 403 or 404 || error.Message.StartsWith(ProjectLimitsCheck, StringComparison.Ordinal);
    }

    /// <summary>How LXD begins a refusal by a project's limits, on create and on update.</summary>
    public const string ProjectLimitsCheck = "Failed checking if instance ";

    /// <summary>
    /// The refusal as the machine's message: LXD's own text, and for a missing image Juju's <c>no matching image
    /// found</c> with the alias Juju looks for, so a user knows what to import.
    /// </summary>
    public static string Explain(LxdException error, MachineSpecification machine, LxdServer server)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(machine);
        ArgumentNullException.ThrowIfNull(server);
        if (error.StatusCode == 404 && error.Message.Contains("image", StringComparison.OrdinalIgnoreCase))
        {
            var arch = machine.Constraints.Arch is { Length: > 0 } a ? a : server.HostArch;
            var alias = LxdInstances.ImageAlias(machine.Base, arch, machine.Constraints.VirtType == "virtual-machine");
            return $"no matching image found: the LXD server has no image alias \"{alias}\" ({error.Message})";
        }

        return error.Message;
    }
}
