using System.Text.Json.Serialization;
using JujuOps.Api.V1Alpha1.Common;

namespace JujuOps.Api.Schema;

// The attributes the CRD generator reads. Each maps to one OpenAPI v3 keyword that kube-apiserver 1.20 accepts
// in a structural schema; anything the API server cannot check (cross-field rules) is left to the webhooks.
// On a list or map property, the scalar keywords (enum, pattern, length, minimum, maximum) describe its
// innermost values, since that is where they can apply.

/// <summary>The <c>description</c> that <c>kubectl explain</c> prints for a type or a field.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Property)]
public sealed class DescriptionAttribute(string text) : Attribute
{
    public string Text { get; } = text;
}

/// <summary>The field must be present: it lands in the parent's <c>required</c> list.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredAttribute : Attribute;

/// <summary>The only values a string field may take (<c>enum</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EnumAttribute(params string[] values) : Attribute
{
    public IReadOnlyList<string> Values { get; } = values;
}

/// <summary>A regular expression (Go RE2 syntax, as the API server evaluates it) a string field must match.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string regex) : Attribute
{
    public string Regex { get; } = regex;
}

/// <summary>
/// The smallest value an integer field may take. Without it an <c>int</c> gets its CLR minimum, because the API server
/// does not enforce <c>format: int32</c> (1.20 admits 3000000000) and a value our types cannot hold stops the decoding.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinimumAttribute(long value) : Attribute
{
    public long Value { get; } = value;
}

/// <summary>The largest value an integer field may take; without it an <c>int</c> gets its CLR maximum.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaximumAttribute(long value) : Attribute
{
    public long Value { get; } = value;
}

/// <summary>Length bounds of a string field; -1 leaves a bound out.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LengthAttribute(long min = -1, long max = -1) : Attribute
{
    public long Min { get; } = min;

    public long Max { get; } = max;
}

/// <summary>Entry count bounds of a map field (<c>minProperties</c>, <c>maxProperties</c>); -1 leaves a bound out.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PropertiesAttribute(long min = -1, long max = -1) : Attribute
{
    public long Min { get; } = min;

    public long Max { get; } = max;
}

/// <summary>
/// A string property that holds a Kubernetes quantity (<c>8Gi</c>, <c>2500m</c>, <c>4</c>) as the user wrote it. The
/// schema is int-or-string, as YAML reads <c>cpu: 4</c> as an integer, bounded so that anything the API server
/// admits fits <see cref="Domain.Quantities.Quantity"/>: a pattern and a length for strings, 0 to 2^53 for integers.
/// It is also the property's JSON converter, which reads a number or a string as the text the server sent.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class QuantityAttribute() : JsonConverterAttribute(typeof(NumberOrStringConverter));

/// <summary>
/// Item count bounds of a list field; -1 leaves a bound out. <see cref="Depth"/> 1 bounds the lists inside a
/// list of lists (a bundle relation is a list of exactly two endpoints).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = true)]
public sealed class ItemsAttribute(long min = -1, long max = -1) : Attribute
{
    public long Min { get; } = min;

    public long Max { get; } = max;

    public int Depth { get; init; }
}

/// <summary>
/// The value the API server fills in when the field is absent (<c>default</c>). Only for fields where the
/// default is what Juju itself would do, so a stored object says explicitly what will happen.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DefaultValueAttribute(object value) : Attribute
{
    public object Value { get; } = value;
}

/// <summary>
/// A list whose items are identified by the named fields (<c>x-kubernetes-list-type: map</c>), so server-side
/// apply and GitOps tools merge items by key instead of replacing the whole list. Key fields must be required.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListMapKeysAttribute(params string[] keys) : Attribute
{
    public IReadOnlyList<string> Keys { get; } = keys;
}

/// <summary>A list of unique scalars (<c>x-kubernetes-list-type: set</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ListSetAttribute : Attribute;

/// <summary>A column that <c>kubectl get</c> prints for the resource, in declaration order.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true)]
public sealed class PrinterColumnAttribute(string name, string jsonPath, string type = "string") : Attribute
{
    public string Name { get; } = name;

    public string JsonPath { get; } = jsonPath;

    /// <summary>One of <c>string</c>, <c>integer</c>, <c>number</c>, <c>boolean</c>, <c>date</c>.</summary>
    public string Type { get; } = type;

    public string? Description { get; init; }

    /// <summary>0 for the default view; 1 and more only with <c>-o wide</c>.</summary>
    public int Priority { get; init; }
}

/// <summary>Whether a custom resource lives in a namespace or in the whole cluster.</summary>
public enum ResourceScope
{
    Namespaced,
    Cluster,
}

/// <summary>
/// What the CRD says about the resource beyond its group, version, kind and plural (those come from
/// <c>k8s.Models.KubernetesEntityAttribute</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class CustomResourceAttribute(ResourceScope scope, string shortName) : Attribute
{
    public ResourceScope Scope { get; } = scope;

    public string ShortName { get; } = shortName;

    /// <summary>Every JujuOps resource is in the <c>juju</c> category, so <c>kubectl get juju</c> lists them all.</summary>
    public string Category { get; init; } = "juju";
}
