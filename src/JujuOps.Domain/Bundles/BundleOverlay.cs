namespace JujuOps.Domain.Bundles;

/// <summary>
/// Juju's overlay merge (<c>charm:overlay.go</c>, reference §6.5), on the YAML tree so that "present in the
/// overlay" means what it says: a field written with an empty value is present, a field left out is not.
/// </summary>
public static class BundleOverlay
{
    /// <summary>The old name of <c>applications:</c>, still read in a base bundle.</summary>
    public const string Services = "services";

    /// <summary>Merges <paramref name="overlay"/> into <paramref name="bundle"/>.</summary>
    public static void Merge(BundleMapping bundle, BundleMapping overlay)
    {
        if (overlay.ContainsKey(Services))
            throw new JujuValidationException("bundle overlay file used deprecated 'services' key, this is not valid for bundle overlay files");
        foreach (var (key, value) in overlay.Entries)
        {
            switch (key)
            {
                case "applications" or "saas":
                    MergeEntities(bundle, key, value);
                    break;
                case "relations":
                    var relations = bundle["relations"] as BundleSequence ?? new BundleSequence();
                    if (value is BundleSequence added)
                        relations.Items.AddRange(added.Items);
                    bundle.Set(key, relations);
                    break;
                default:
                    // series, machines (the whole map), description and the rest replace the base's.
                    bundle.Set(key, value);
                    break;
            }
        }
    }

    /// <summary>A base bundle written with <c>services:</c> reads as if it said <c>applications:</c>.</summary>
    public static void RenameServices(BundleMapping bundle)
    {
        if (bundle[Services] is { } services && !bundle.ContainsKey("applications"))
        {
            bundle.Set("applications", services);
            bundle.Remove(Services);
        }
    }

    private static void MergeEntities(BundleMapping bundle, string section, BundleNode value)
    {
        if (value is not BundleMapping overlayEntities)
            return;
        var entities = bundle[section] as BundleMapping ?? new BundleMapping();
        bundle.Set(section, entities);
        foreach (var (name, entity) in overlayEntities.Entries)
        {
            if (entity.IsEmpty)
            {
                // An empty entry removes the application (or saas) and every relation that names it.
                entities.Remove(name);
                RemoveRelations(bundle, name);
            }
            else if (entities[name] is BundleMapping existing && entity is BundleMapping fields)
            {
                MergeFields(existing, fields);
            }
            else
            {
                entities.Set(name, entity);
            }
        }
    }

    private static void MergeFields(BundleMapping existing, BundleMapping fields)
    {
        foreach (var (field, value) in fields.Entries)
        {
            if (value.IsEmpty)
            {
                // An empty map clears it; an empty scalar resets the field to its zero value, which is absence.
                existing.Remove(field);
            }
            else if (value is BundleMapping entries && existing[field] is BundleMapping target)
            {
                // Each key is upserted; one given an empty value (null, {} or []) is deleted.
                foreach (var (key, entry) in entries.Entries)
                {
                    if (entry.IsEmpty)
                        target.Remove(key);
                    else
                        target.Set(key, entry);
                }
            }
            else
            {
                existing.Set(field, value);
            }
        }
    }

    private static void RemoveRelations(BundleMapping bundle, string application)
    {
        if (bundle["relations"] is not BundleSequence relations)
            return;
        relations.Items.RemoveAll(relation => relation is BundleSequence pair
            && pair.Items.OfType<BundleScalar>().Any(endpoint => ApplicationOf(endpoint.Text) == application));
    }

    /// <summary>The application part of <c>application[:endpoint]</c>.</summary>
    public static string ApplicationOf(string endpoint)
    {
        var colon = endpoint.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? endpoint : endpoint[..colon];
    }
}
