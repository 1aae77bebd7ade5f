using System.Text.Json.Nodes;
using JujuOps.Testing;

namespace JujuOps.EndToEnd.Contents;

/// <summary>
/// Issue 14 on Kubernetes: a model's applications become StatefulSets whose pods run on the node, its units report
/// what those pods do, scaling down removes exactly the last units, and the status shows what <c>juju status</c>
/// shows. The workload is the node's <c>pause:local</c> image (it runs until stopped and needs nothing).
/// </summary>
[Collection(NodeOperatorRun.Name)]
[Trait("Category", "Integration")]
public sealed class KubernetesApplicationsTests(NodeOperatorFixture fixture)
{
    private const string Image = "pause:local";

    [Fact]
    public async Task Two_applications_run_on_the_node_survive_an_operator_restart_report_active_units_and_scale_down_to_their_first_units()
    {
        var name = "apps-" + TestEnvironment.UniqueSuffix();
        await fixture.ApplyAsync(Model(name, webUnits: 3));
        // Killed while the pods are still starting: the next operator picks up from what the cluster holds.
        await fixture.EventuallyAsync("statefulset/web", async () => await fixture.GetAsync("statefulset/web", name) is not null);
        await fixture.RestartAsync();
        await fixture.WaitAsync("jm/" + name, fixture.Objects, "condition=Ready");

        var node = (await fixture.KubectlAsync("get", "nodes", "-o", "jsonpath={.items[0].metadata.name}")).EnsureSuccess().StandardOutput.Trim();
        var pods = (await fixture.GetAsync("pods", name))!["items"]!.AsArray();
        Assert.Equal(["db-0", "web-0", "web-1", "web-2"], pods.Select(p => p!["metadata"]!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(pods, pod =>
        {
            Assert.Equal(node, pod!["spec"]!["nodeName"]!.GetValue<string>());
            Assert.Equal("Running", pod["status"]!["phase"]!.GetValue<string>());
        });
        var web0 = pods.Single(p => p!["metadata"]!["name"]!.GetValue<string>() == "web-0")!;
        Assert.Equal("64Mi", web0["spec"]!["containers"]![0]!["resources"]!["limits"]!["memory"]!.GetValue<string>());
        Assert.Equal("linux", web0["spec"]!["nodeSelector"]!["kubernetes.io/os"]!.GetValue<string>());
        Assert.Equal("Bound", (await fixture.GetAsync("pvc/data-db-0", name))!["status"]!["phase"]!.GetValue<string>());

        var status = (await fixture.GetAsync("jm/" + name, fixture.Objects))!["status"]!;
        Assert.Equal("available", status["modelStatus"]!["current"]!.GetValue<string>());
        var web = Application(status, "web");
        Assert.Equal(("web", "active", 3), (web["charm"]!.GetValue<string>(), web["status"]!["current"]!.GetValue<string>(), web["scale"]!.GetValue<int>()));
        Assert.Equal(["web/0", "web/1", "web/2"], Units(web).Select(u => u["name"]!.GetValue<string>()));
        Assert.All(Units(web), unit =>
        {
            Assert.Equal("active", unit["workloadStatus"]!["current"]!.GetValue<string>());
            Assert.Equal("idle", unit["agentStatus"]!["current"]!.GetValue<string>());
            Assert.Equal("127.0.0.1", unit["address"]!.GetValue<string>());
        });
        Assert.True(Units(web)[0]["leader"]!.GetValue<bool>());
        Assert.All(Units(web).Skip(1), unit => Assert.Null(unit["leader"]));
        Assert.Equal("db/0", Assert.Single(Units(Application(status, "db")))["name"]!.GetValue<string>());
        var relation = Assert.Single(status["relations"]!.AsArray())!;
        Assert.Equal((0, "db", "regular", "joined"),
            (relation["id"]!.GetValue<int>(), relation["interface"]!.GetValue<string>(), relation["type"]!.GetValue<string>(), relation["status"]!["current"]!.GetValue<string>()));
        Assert.Equal(["web:db", "db:db"], relation["endpoints"]!.AsArray().Select(e => e!.GetValue<string>()));

        // Scale down: the last units go, the first stays the same pod.
        var web0Uid = web0["metadata"]!["uid"]!.GetValue<string>();
        await fixture.ApplyAsync(Model(name, webUnits: 1));
        await fixture.WaitAsync("pod/web-2", name, "delete");
        await fixture.WaitAsync("pod/web-1", name, "delete");
        await fixture.EventuallyAsync("web at scale 1 in status", async () =>
            Application((await fixture.GetAsync("jm/" + name, fixture.Objects))!["status"]!, "web")["scale"]!.GetValue<int>() == 1);
        await fixture.WaitAsync("jm/" + name, fixture.Objects, "condition=Ready");
        Assert.Equal(web0Uid, (await fixture.GetAsync("pod/web-0", name))!["metadata"]!["uid"]!.GetValue<string>());
        status = (await fixture.GetAsync("jm/" + name, fixture.Objects))!["status"]!;
        Assert.Equal("web/0", Assert.Single(Units(Application(status, "web")))["name"]!.GetValue<string>());
    }

    private string Model(string name, int webUnits) => $"""
        apiVersion: jujuops.io/v1alpha1
        kind: JujuModel
        metadata:
          name: {name}
          namespace: {fixture.Objects}
        spec:
          controller: {fixture.Controller}
          applications:
            web:
              charm: web
              numUnits: {webUnits}
              constraints: mem=64M
              placement: kubernetes.io/os=linux
              resources:
                web-image: {Image}
            db:
              charm: db
              numUnits: 1
              resources:
                db-image: {Image}
              storage:
                data: jujuops-hostpath,16M
          relations:
          - [web:db, db:db]
        """;

    private static JsonNode Application(JsonNode status, string name) =>
        status["applications"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == name)!;

    private static List<JsonNode> Units(JsonNode application) => [.. application["units"]!.AsArray().Select(u => u!)];
}
