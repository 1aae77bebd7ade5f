using System.Net;
using System.Text;
using System.Threading.Channels;
using k8s;

namespace JujuOps.Runtime.Tests.Support;

/// <summary>
/// An API server inside the client's handler chain, for informer tests that need exact payloads (objects no real
/// server would hand out the same way twice): lists answer with <see cref="ListBody"/>, every watch streams the lines
/// written with <see cref="Send"/>. Any other request is a 404.
/// </summary>
internal sealed class FakeApiServer : DelegatingHandler
{
    private readonly Lock _lock = new();
    private Channel<string> _watch = Channel.CreateUnbounded<string>();

    /// <summary>The whole body of the next list answer (one page).</summary>
    public string ListBody { get; set; } = """{"kind":"List","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[]}""";

    /// <summary>While true, every list answers 500.</summary>
    public bool FailLists { get; set; }

    public int Lists { get; private set; }

    public int Watches { get; private set; }

    public Kubernetes Client() => new(new KubernetesClientConfiguration { Host = "http://fake.invalid" }, this);

    /// <summary>Streams one watch event to the current watch (or the next one to open).</summary>
    public void Send(string type, string objectJson)
    {
        lock (_lock)
            _watch.Writer.TryWrite($$"""{"type":"{{type}}","object":{{objectJson}}}""");
    }

    /// <summary>Ends the current watch stream (as a server timeout does); the next watch gets a fresh one.</summary>
    public void EndWatch()
    {
        lock (_lock)
        {
            _watch.Writer.TryComplete();
            _watch = Channel.CreateUnbounded<string>();
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = request.RequestUri?.Query ?? "";
        if (request.Method != HttpMethod.Get)
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request });
        if (query.Contains("watch=true", StringComparison.Ordinal))
        {
            Channel<string> channel;
            lock (_lock)
            {
                Watches++;
                channel = _watch;
            }
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StreamContent(new LineStream(channel.Reader)) });
        }
        Lists++;
        if (FailLists)
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError) { RequestMessage = request, Content = new StringContent("""{"kind":"Status","code":500}""") });
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new StringContent(ListBody, Encoding.UTF8, "application/json") });
    }

    /// <summary>A response body that yields lines as they are written, and ends when the channel completes.</summary>
    private sealed class LineStream(ChannelReader<string> lines) : Stream
    {
        private byte[] _pending = [];
        private int _offset;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_offset == _pending.Length)
            {
                if (!await lines.WaitToReadAsync(cancellationToken))
                    return 0;
                if (lines.TryRead(out var line))
                {
                    _pending = Encoding.UTF8.GetBytes(line + "\n");
                    _offset = 0;
                }
            }
            var count = Math.Min(buffer.Length, _pending.Length - _offset);
            _pending.AsMemory(_offset, count).CopyTo(buffer);
            _offset += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
