using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Training.Core.Content;

/// <summary>
/// Typed YAML reading that reports problems as <c>path:line: message</c> instead of exceptions: unknown keys
/// are found by walking the document against the expected keys, then the typed object is deserialised.
/// </summary>
internal static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();

    /// <summary>The nodes of a YAML mapping by dotted key (<c>quiz.pass_mark</c>), for line numbers and styles.</summary>
    public sealed class Document(Dictionary<string, YamlNode> nodes, int lineOffset)
    {
        public int LineOf(string key, int fallback) =>
            nodes.TryGetValue(key, out var node) ? (int)node.Start.Line + lineOffset : fallback;

        public YamlNode? Node(string key) => nodes.GetValueOrDefault(key);
    }

    /// <summary>
    /// Reads <paramref name="text"/> as <typeparamref name="T"/>. <paramref name="keys"/> lists the allowed keys,
    /// nested ones dotted; a key ending in <c>.*</c> allows any key below it. <paramref name="lineOffset"/> is added
    /// to YAML's 1-based lines to give file lines.
    /// </summary>
    public static (T? Value, Document Document) Read<T>(
        string text, string path, int lineOffset, IReadOnlySet<string> keys, List<ContentProblem> problems, bool walkSequences = false)
        where T : class
    {
        var nodes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        var document = new Document(nodes, lineOffset);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                problems.Add(new ContentProblem(path, lineOffset + 1, "YAML-innehållet måste vara en samling nycklar och värden."));
                return (null, document);
            }
            Walk(root, "", nodes, keys, path, lineOffset, problems, walkSequences);
            return (Deserializer.Deserialize<T>(text), document);
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            problems.Add(new ContentProblem(path, (int)e.Start.Line + lineOffset, $"ogiltig YAML: {Clean(reason)}"));
            return (null, document);
        }
    }

    private static void Walk(
        YamlMappingNode mapping, string prefix, Dictionary<string, YamlNode> nodes, IReadOnlySet<string> keys,
        string path, int lineOffset, List<ContentProblem> problems, bool walkSequences)
    {
        foreach (var (keyNode, value) in mapping.Children)
        {
            var name = prefix + ((keyNode as YamlScalarNode)?.Value ?? "");
            if (!keys.Contains(name) && !keys.Contains(prefix + "*"))
            {
                problems.Add(new ContentProblem(path, (int)keyNode.Start.Line + lineOffset, $"okänd nyckel '{name}'."));
                continue;
            }
            nodes[name] = value;
            if (value is YamlMappingNode child && !keys.Contains(name + ".*"))
            {
                Walk(child, name + ".", nodes, keys, path, lineOffset, problems, walkSequences);
            }
            else if (walkSequences && value is YamlSequenceNode sequence)
            {
                // list items that are mappings are checked against the keys below the list's own key
                foreach (var item in sequence.Children.OfType<YamlMappingNode>())
                {
                    Walk(item, name + ".", new Dictionary<string, YamlNode>(StringComparer.Ordinal), keys, path, lineOffset, problems, walkSequences);
                }
            }
        }
    }

    private static string Clean(string message)
    {
        var index = message.IndexOf("): ", StringComparison.Ordinal);
        return index >= 0 ? message[(index + 3)..] : message;
    }
}
