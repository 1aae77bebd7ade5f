using System.Net;
using JujuOps.Runtime.Controllers;
using JujuOps.Runtime.Queue;
using JujuOps.Runtime.Resources;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace JujuOps.Runtime.Tests.Controllers;

public sealed class ControllerTests : IDisposable
{
    private static readonly ObjectKey Key = new("ns", "a");
    private readonly FakeTimeProvider _time = new();
    private readonly WorkQueue<ObjectKey> _queue;
    private readonly ServiceProvider _services;
    private readonly Controller<V1ConfigMap, ScriptedReconciler> _controller;

    public ControllerTests()
    {
        _queue = new WorkQueue<ObjectKey>("controller-test-" + Guid.NewGuid().ToString("N")[..6],
            new ExponentialFailureRateLimiter<ObjectKey>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000)), _time);
        _services = new ServiceCollection().AddSingleton<ScriptedReconciler>().BuildServiceProvider();
        _controller = new Controller<V1ConfigMap, ScriptedReconciler>(_services.GetRequiredService<IServiceScopeFactory>(),
            new ControllerOptions { Name = "test" }, _queue, [], NullLogger.Instance);
    }

    private ScriptedReconciler Reconciler => _services.GetRequiredService<ScriptedReconciler>();

    public void Dispose()
    {
        _queue.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task An_exception_is_retried_with_growing_backoff()
    {
        Reconciler.Next = () => throw new InvalidOperationException("boom");

        await _controller.ProcessAsync(Key, CancellationToken.None);
        await _controller.ProcessAsync(Key, CancellationToken.None);

        Assert.Equal(2, _queue.NumRequeues(Key));
        _time.Advance(TimeSpan.FromMilliseconds(10));
        Assert.Equal(1, _queue.Length);
    }

    [Fact]
    public async Task A_terminal_error_is_not_retried()
    {
        Reconciler.Next = () => throw new TerminalException("invalid spec");

        await _controller.ProcessAsync(Key, CancellationToken.None);

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, _queue.Length);
        Assert.Equal(0, _queue.NumRequeues(Key));
    }

    [Fact]
    public async Task A_conflict_is_requeued_quietly()
    {
        Reconciler.Next = () => throw new HttpOperationException("conflict")
        {
            Response = new HttpResponseMessageWrapper(new HttpResponseMessage(HttpStatusCode.Conflict), ""),
        };

        await _controller.ProcessAsync(Key, CancellationToken.None);

        _time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(1, _queue.Length);
    }

    [Fact]
    public async Task RequeueAfter_forgets_failures_and_comes_back_after_the_delay()
    {
        Reconciler.Next = () => throw new InvalidOperationException("boom");
        await _controller.ProcessAsync(Key, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(5));
        await _queue.GetAsync(CancellationToken.None);
        _queue.Done(Key);

        Reconciler.Next = () => ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(1));
        await _controller.ProcessAsync(Key, CancellationToken.None);

        Assert.Equal(0, _queue.NumRequeues(Key));
        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, _queue.Length);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, _queue.Length);
    }

    [Fact]
    public async Task Success_forgets_failures_and_does_not_requeue()
    {
        Reconciler.Next = () => throw new InvalidOperationException("boom");
        await _controller.ProcessAsync(Key, CancellationToken.None);
        Reconciler.Next = () => ReconcileResult.Done;

        await _controller.ProcessAsync(Key, CancellationToken.None);

        Assert.Equal(0, _queue.NumRequeues(Key));
        Assert.Equal(new ReconcileRequest("ns", "a"), Reconciler.LastRequest);
    }

    internal sealed class ScriptedReconciler : IReconciler<V1ConfigMap>
    {
        public Func<ReconcileResult> Next { get; set; } = () => ReconcileResult.Done;

        public ReconcileRequest LastRequest { get; private set; }

        public Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
        {
            LastRequest = request;
            return Task.FromResult(Next());
        }
    }
}
