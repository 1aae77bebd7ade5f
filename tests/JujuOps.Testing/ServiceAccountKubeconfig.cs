using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace JujuOps.Testing;

/// <summary>
/// A kubeconfig that authenticates as a ServiceAccount, so a test can run a process (the operator) with exactly the
/// RBAC that account is bound to instead of as cluster admin. On the test clusters (Kubernetes 1.20) the token
/// controller of kube-controller-manager writes a long-lived token Secret for every ServiceAccount, with the
/// cluster's CA beside the token; we wait for it and copy both, and the server address from the admin kubeconfig.
/// </summary>
public static class ServiceAccountKubeconfig
{
    /// <summary>
    /// Writes <c>&lt;folder&gt;/&lt;namespace&gt;-&lt;name&gt;.kubeconfig</c> for ServiceAccount <paramref name="name"/> in
    /// <paramref name="ns"/> and returns its path. <paramref name="adminKubeconfig"/> must be allowed to read the
    /// account and its Secrets.
    /// </summary>
    public static async Task<string> WriteAsync(string adminKubeconfig, string ns, string name, string folder,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var secret = await TokenSecretAsync(adminKubeconfig, ns, name, timeout, cancellationToken);
        var data = secret["data"]!;
        var token = Encoding.UTF8.GetString(Convert.FromBase64String(data["token"]!.GetValue<string>()));
        // certificate-authority-data is the base64 of the PEM, which is exactly how the Secret stores ca.crt.
        var caData = data["ca.crt"]!.GetValue<string>();
        var server = (await Kubectl.RunAsync(adminKubeconfig, ["config", "view", "--minify", "--raw", "-o", "jsonpath={.clusters[0].cluster.server}"],
            cancellationToken: cancellationToken)).EnsureSuccess().StandardOutput.Trim();

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{ns}-{name}.kubeconfig");
        var user = $"system:serviceaccount:{ns}:{name}";
        await File.WriteAllTextAsync(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: cluster
              cluster:
                server: {server}
                certificate-authority-data: {caData}
            users:
            - name: {user}
              user:
                token: {token}
            contexts:
            - name: {name}
              context:
                cluster: cluster
                user: "{user}"
                namespace: {ns}
            current-context: {name}
            """, cancellationToken);
        return path;
    }

    /// <summary>The account's token Secret once the token controller has filled in its token and CA.</summary>
    private static async Task<JsonNode> TokenSecretAsync(string adminKubeconfig, string ns, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "";
        while (true)
        {
            // The controller first adds the Secret's name to the account, then fills the Secret; either may lag.
            var secretName = (await Kubectl.RunAsync(adminKubeconfig, ["get", "serviceaccount", name, "-n", ns, "-o", "jsonpath={.secrets[0].name}"],
                cancellationToken: cancellationToken)).StandardOutput.Trim();
            if (secretName.Length > 0)
            {
                var result = await Kubectl.RunAsync(adminKubeconfig, ["get", "secret", secretName, "-n", ns, "-o", "json"], cancellationToken: cancellationToken);
                last = result.StandardError;
                if (result.Succeeded && JsonNode.Parse(result.StandardOutput) is { } secret
                    && secret["data"]?["token"] is not null && secret["data"]?["ca.crt"] is not null)
                    return secret;
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"no token Secret for ServiceAccount {ns}/{name} within {timeout.TotalSeconds} s (is kube-controller-manager's serviceaccount-token controller running?) {last}"));
            await Task.Delay(200, cancellationToken);
        }
    }
}
