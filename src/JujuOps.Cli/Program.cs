// kubectl-juju: the Juju verbs over JujuOps resources. The verbs land with the CLI issue; until then the
// plugin only answers with its usage, so `kubectl juju` is discoverable without pretending to work.
Console.Error.WriteLine("usage: kubectl juju <command> (no commands are available in this build yet)");
return 2;
