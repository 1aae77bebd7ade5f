using System.ComponentModel.DataAnnotations;
using k8s;
using k8s.Models;

namespace JujuOps.Runtime.Informers;

/// <summary>How informers list and watch. The defaults are client-go's reflector's.</summary>
public sealed class InformerOptions
{
    /// <summary>Watch only this namespace; null watches all namespaces.</summary>
    public string? Namespace { get; set; }

    /// <summary>Page size of the list (client-go's pager uses 500).</summary>
    [Range(1, 10_000)]
    public int PageSize { get; set; } = 500;

    /// <summary>Shortest server-side watch timeout; each watch picks a random value in [min, max] to spread reconnects.</summary>
    public TimeSpan MinWatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxWatchTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The watchdog: a watch that has not ended this long after its server-side timeout is taken for a dead stream
    /// (a peer that stopped without closing) and abandoned.
    /// </summary>
    public TimeSpan WatchdogGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit for one list page; a stopped server must not hang the informer for the client's 100 s.</summary>
    public TimeSpan ListPageTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>First delay after a failed list or watch; doubles up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(800);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this long without failures the backoff starts again from <see cref="InitialBackoff"/>.</summary>
    public TimeSpan BackoffReset { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Readiness turns unhealthy once the list/watch loop has failed this long without progress (a failed list or
    /// watch, a stream the watchdog abandoned): long enough to ride out an apiserver restart, short enough that a
    /// wedged informer shows.
    /// </summary>
    public TimeSpan UnreadyAfterFailingFor { get; set; } = TimeSpan.FromMinutes(1);

    private readonly Dictionary<Type, string> _labelSelectors = [];
    private readonly Dictionary<Type, string> _namespaces = [];

    /// <summary>
    /// Lists and watches only the <typeparamref name="T"/> objects that match <paramref name="labelSelector"/>
    /// (Kubernetes syntax: <c>key</c>, <c>key=value</c>, <c>key in (a,b)</c>, ...), so the cache holds those and no
    /// others; kinds without a selector are cached whole. An object that comes to match arrives as an add, one that
    /// stops matching leaves as a delete (the API server sends a watch of a selection those as ADDED and DELETED).
    /// Like client-go's <c>WithTweakListOptions</c>, one selector per kind: every reader of that kind sees the same cache.
    /// </summary>
    public InformerOptions SelectLabels<T>(string labelSelector) where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(labelSelector);
        _labelSelectors[typeof(T)] = labelSelector;
        return this;
    }

    /// <summary>The label selector <see cref="SelectLabels{T}"/> set for <paramref name="kind"/>; null selects everything.</summary>
    public string? LabelSelectorOf(Type kind) => _labelSelectors.GetValueOrDefault(kind);

    /// <summary>
    /// Lists and watches the <typeparamref name="T"/> objects of <paramref name="ns"/> only, whatever
    /// <see cref="Namespace"/> says for the other kinds: the request is then namespaced, so RBAC can grant it by a
    /// Role in that namespace instead of a ClusterRole (the operator's credential Secrets).
    /// </summary>
    public InformerOptions InNamespace<T>(string ns) where T : IKubernetesObject<V1ObjectMeta>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        _namespaces[typeof(T)] = ns;
        return this;
    }

    /// <summary>The namespace the informer of <paramref name="kind"/> watches: its own (<see cref="InNamespace{T}"/>), else <see cref="Namespace"/>.</summary>
    public string? NamespaceOf(Type kind) => _namespaces.GetValueOrDefault(kind) ?? Namespace;

    internal IEnumerable<string> Validate()
    {
        if (MinWatchTimeout < TimeSpan.FromSeconds(1) || MaxWatchTimeout < MinWatchTimeout)
            yield return $"watch timeouts must satisfy 1s <= MinWatchTimeout ({MinWatchTimeout}) <= MaxWatchTimeout ({MaxWatchTimeout})";
        if (WatchdogGrace <= TimeSpan.Zero)
            yield return "WatchdogGrace must be positive";
        if (ListPageTimeout <= TimeSpan.Zero)
            yield return "ListPageTimeout must be positive";
        if (UnreadyAfterFailingFor <= TimeSpan.Zero)
            yield return "UnreadyAfterFailingFor must be positive";
        if (InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff)
            yield return $"backoff must satisfy 0 < InitialBackoff ({InitialBackoff}) <= MaxBackoff ({MaxBackoff})";
    }
}
