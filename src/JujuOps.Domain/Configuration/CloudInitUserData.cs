namespace JujuOps.Domain.Configuration;

/// <summary>
/// The <c>cloudinit-userdata</c> rules: a YAML mapping without <c>users</c>, <c>runcmd</c> or <c>bootcmd</c>, whose
/// <c>packages</c> are plain strings. The domain has no YAML library, so this reads the block-style subset of YAML
/// that cloud-init documents use: top-level <c>key:</c> lines, and the items of <c>packages</c>. Anything else at
/// the top level (a flow mapping, a bare scalar) is reported as not valid YAML for our purposes.
/// </summary>
internal static class CloudInitUserData
{
    private const string Key = "cloudinit-userdata";

    public static string Validate(string userData)
    {
        var topLevel = new List<(string Key, string Inline, List<string> Block)>();
        var lines = userData.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var number = 1; number <= lines.Length; number++)
        {
            var line = lines[number - 1];
            var content = line.TrimStart(' ');
            if (content.Length == 0 || content.StartsWith('#') || (line == content && content is "---" or "..."))
            {
                continue;
            }

            if (content.StartsWith('\t'))
            {
                throw Invalid($"line {number}: found a tab character where an indentation space is expected");
            }

            if (line.Length != content.Length)
            {
                if (topLevel.Count == 0)
                {
                    throw Invalid($"line {number}: indented content before the first key");
                }

                topLevel[^1].Block.Add(content);
                continue;
            }

            topLevel.Add(ParseTopLevelEntry(content, number));
        }

        var keys = topLevel.Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);
        if (keys.Contains("users"))
        {
            throw Rule("users not allowed");
        }

        if (keys.Contains("runcmd"))
        {
            throw Rule("runcmd not allowed, use preruncmd or postruncmd instead");
        }

        if (keys.Contains("bootcmd"))
        {
            throw Rule("bootcmd not allowed");
        }

        foreach (var (_, inline, block) in topLevel.Where(entry => entry.Key == "packages"))
        {
            CheckPackages(inline, block);
        }

        return userData;
    }

    private static (string Key, string Inline, List<string> Block) ParseTopLevelEntry(string content, int number)
    {
        var colon = content.IndexOf(':', StringComparison.Ordinal);
        var endsKey = colon > 0 && (colon == content.Length - 1 || content[colon + 1] == ' ');
        if (!endsKey || content[0] is '-' or '{' or '[' or '&' or '*' or '!' or '|' or '>')
        {
            throw Invalid($"line {number}: expected a top-level \"key:\" entry of a mapping");
        }

        var key = content[..colon].Trim().Trim('"', '\'');
        return (key, content[(colon + 1)..].Trim(), []);
    }

    private static void CheckPackages(string inline, List<string> block)
    {
        var inlineIsList = inline.StartsWith('[') && inline.EndsWith(']') && !inline[1..^1].Contains('[') && !inline[1..^1].Contains('{');
        var blockItems = block.Where(line => line.StartsWith('-')).Select(line => line[1..].Trim()).ToList();
        var blockIsList = inline.Length == 0 && blockItems.Count == block.Count;
        var itemsAreStrings = blockItems.All(item => item.Length > 0 && item[0] is not ('-' or '[' or '{') && !item.Contains(": ", StringComparison.Ordinal) && !item.EndsWith(':'));
        if (!(inlineIsList && block.Count == 0) && !(blockIsList && itemsAreStrings))
        {
            throw Rule("packages must be a list of strings");
        }
    }

    private static JujuValidationException Rule(string detail) => new($"{Key}: {detail}");

    private static JujuValidationException Invalid(string detail) => Rule($"must be valid YAML: {detail}");
}
