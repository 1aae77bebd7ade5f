namespace JujuOps.EndToEnd.Harness;

/// <summary>
/// An application that cannot go away until the test lets it: a Deployment held by a finalizer of ours, so that a
/// destroy has something to wait for (the test cluster runs no workloads, so nothing else would stay).
/// </summary>
public static class HeldApplication
{
    public const string Name = "app";

    public static Task CreateAsync(OperatorFixture fixture, string ns) => fixture.ApplyAsync($"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {Name}
          namespace: {ns}
          finalizers: [e2e.jujuops.io/hold]
        spec:
          replicas: 0
          selector:
            matchLabels:
              app: {Name}
          template:
            metadata:
              labels:
                app: {Name}
            spec:
              containers:
              - name: {Name}
                image: busybox
        """);

    public static async Task ReleaseAsync(OperatorFixture fixture, string ns) =>
        await fixture.KubectlAsync("patch", "deployment", Name, "-n", ns, "--type=merge", "-p", """{"metadata":{"finalizers":null}}""");
}
