using System.Net;
using JujuOps.Runtime.Client;

namespace JujuOps.Runtime.Tests.Client;

public sealed class CoreGroupPathHandlerTests
{
    [Theory]
    [InlineData("https://h:6443/apis//v1/namespaces/a/configmaps?watch=true", "https://h:6443/api/v1/namespaces/a/configmaps?watch=true")]
    [InlineData("https://h:6443/apis//v1/namespaces", "https://h:6443/api/v1/namespaces")]
    [InlineData("https://h:6443/apis/apps/v1/deployments", "https://h:6443/apis/apps/v1/deployments")]
    public async Task Rewrites_only_the_empty_group_prefix(string sent, string expected)
    {
        var recorder = new RecordingHandler();
        using var handler = new CoreGroupPathHandler { InnerHandler = recorder };
        using var invoker = new HttpMessageInvoker(handler);
        using var request = new HttpRequestMessage(HttpMethod.Get, sent);

        using var response = await invoker.SendAsync(request, CancellationToken.None);

        Assert.Equal(expected, recorder.Seen!.ToString());
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public Uri? Seen { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen = request.RequestUri;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
