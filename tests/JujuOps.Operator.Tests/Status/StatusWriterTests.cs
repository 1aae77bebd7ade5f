using System.Text.Json.Nodes;
using JujuOps.Api.V1Alpha1.Common;
using JujuOps.Api.V1Alpha1.Models;
using JujuOps.Operator.Status;

namespace JujuOps.Operator.Tests.Status;

public sealed class StatusWriterTests
{
    [Fact]
    public void A_field_that_became_null_is_sent_as_null_so_the_merge_patch_removes_it()
    {
        var stored = new JujuModelStatus
        {
            AgentVersion = "3.6.0",
            ModelStatus = new JujuStatus { Current = "busy", Message = "upgrading agents from 3.6.0 to 3.6.1" },
        };
        var desired = new JujuModelStatus { ModelStatus = new JujuStatus { Current = "available" } };

        var patch = StatusWriter.MergePatch(stored, desired);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"modelStatus":{"current":"available","message":null},"agentVersion":null}"""), patch), patch.ToJsonString());
    }

    [Fact]
    public void Without_a_stored_status_the_patch_is_the_desired_status() =>
        Assert.Equal("""{"agentVersion":"3.6.1"}""", StatusWriter.MergePatch(null, new JujuModelStatus { AgentVersion = "3.6.1" }).ToJsonString());
}
