using Prometheus;

namespace JujuOps.Runtime.Metrics;

/// <summary>
/// The runtime's Prometheus metrics, named exactly like controller-runtime's so that its dashboards and alerts apply.
/// Registered once per process in prometheus-net's default registry, which <c>/metrics</c> serves.
/// </summary>
public static class RuntimeMetrics
{
    private static readonly double[] ReconcileBuckets =
        [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60];

    // client-go's workqueue buckets: 10^-8 … 10^1 seconds.
    private static readonly double[] QueueBuckets = Histogram.ExponentialBuckets(1e-8, 10, 10);

    public static readonly Counter ReconcileTotal = Prometheus.Metrics.CreateCounter(
        "controller_runtime_reconcile_total", "Total number of reconciliations per controller", "controller", "result");

    public static readonly Counter ReconcileErrors = Prometheus.Metrics.CreateCounter(
        "controller_runtime_reconcile_errors_total", "Total number of reconciliation errors per controller", "controller");

    public static readonly Counter TerminalReconcileErrors = Prometheus.Metrics.CreateCounter(
        "controller_runtime_terminal_reconcile_errors_total", "Total number of terminal reconciliation errors per controller", "controller");

    public static readonly Counter ReconcilePanics = Prometheus.Metrics.CreateCounter(
        "controller_runtime_reconcile_panics_total", "Total number of reconciliation panics (unexpected exceptions) per controller", "controller");

    public static readonly Histogram ReconcileTime = Prometheus.Metrics.CreateHistogram(
        "controller_runtime_reconcile_time_seconds", "Length of time per reconciliation per controller",
        new HistogramConfiguration { LabelNames = ["controller"], Buckets = ReconcileBuckets });

    public static readonly Gauge MaxConcurrentReconciles = Prometheus.Metrics.CreateGauge(
        "controller_runtime_max_concurrent_reconciles", "Maximum number of concurrent reconciles per controller", "controller");

    public static readonly Gauge ActiveWorkers = Prometheus.Metrics.CreateGauge(
        "controller_runtime_active_workers", "Number of currently used workers per controller", "controller");

    public static readonly Gauge WorkQueueDepth = Prometheus.Metrics.CreateGauge(
        "workqueue_depth", "Current depth of workqueue", "name", "controller");

    public static readonly Counter WorkQueueAdds = Prometheus.Metrics.CreateCounter(
        "workqueue_adds_total", "Total number of adds handled by workqueue", "name", "controller");

    public static readonly Histogram WorkQueueQueueDuration = Prometheus.Metrics.CreateHistogram(
        "workqueue_queue_duration_seconds", "How long in seconds an item stays in workqueue before being requested",
        new HistogramConfiguration { LabelNames = ["name", "controller"], Buckets = QueueBuckets });

    public static readonly Histogram WorkQueueWorkDuration = Prometheus.Metrics.CreateHistogram(
        "workqueue_work_duration_seconds", "How long in seconds processing an item from workqueue takes",
        new HistogramConfiguration { LabelNames = ["name", "controller"], Buckets = QueueBuckets });

    public static readonly Counter WorkQueueRetries = Prometheus.Metrics.CreateCounter(
        "workqueue_retries_total", "Total number of retries handled by workqueue", "name", "controller");

    public static readonly Gauge LeaderElectionStatus = Prometheus.Metrics.CreateGauge(
        "leader_election_master_status", "Gauge of if the reporting system is master of the relevant lease, 0 indicates backup, 1 indicates master. 'name' is the string used to identify the lease.", "name");

    public static readonly Counter InformerEvents = Prometheus.Metrics.CreateCounter(
        "jujuops_informer_watch_events_total", "Watch events received per informer and event type", "informer", "type");

    public static readonly Counter InformerDecodeErrors = Prometheus.Metrics.CreateCounter(
        "jujuops_informer_decode_errors_total", "Objects (counted once per resourceVersion) skipped because they do not decode into the informer's type", "informer");

    public static readonly Gauge InformerUndecodableObjects = Prometheus.Metrics.CreateGauge(
        "jujuops_informer_undecodable_objects", "Objects the server holds that the informer cannot decode (absent from its cache)", "informer");

    public static readonly Gauge InformerCachedObjects = Prometheus.Metrics.CreateGauge(
        "jujuops_informer_cached_objects", "Objects in the informer's cache after its last list or event (a label-selected informer holds only the selected ones)", "informer");

    public static readonly Counter InformerListWatchFailures = Prometheus.Metrics.CreateCounter(
        "jujuops_informer_list_watch_failures_total", "Failed lists and watches, and watch streams abandoned by the watchdog, per informer", "informer");
}

/// <summary>The work-queue metrics of one queue (labels bound once).</summary>
internal sealed class WorkQueueMetrics(string name)
{
    private readonly Gauge.Child _depth = RuntimeMetrics.WorkQueueDepth.WithLabels(name, name);
    private readonly Counter.Child _adds = RuntimeMetrics.WorkQueueAdds.WithLabels(name, name);
    private readonly Histogram.Child _queueDuration = RuntimeMetrics.WorkQueueQueueDuration.WithLabels(name, name);
    private readonly Histogram.Child _workDuration = RuntimeMetrics.WorkQueueWorkDuration.WithLabels(name, name);
    private readonly Counter.Child _retries = RuntimeMetrics.WorkQueueRetries.WithLabels(name, name);

    public void Depth(int depth) => _depth.Set(depth);

    public void Added() => _adds.Inc();

    public void Retried() => _retries.Inc();

    public void Waited(TimeSpan duration) => _queueDuration.Observe(duration.TotalSeconds);

    public void Worked(TimeSpan duration) => _workDuration.Observe(duration.TotalSeconds);
}
