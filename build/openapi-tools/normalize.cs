// Reads an OpenAPI document (JSON) on stdin and writes it as the contract test compares it: System.Text.Json, indented,
// relaxed escaping, LF line endings, one final newline. Run by build/update-openapi (`dotnet run` of a file-based app).
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

var json = JsonNode.Parse(Console.In.ReadToEnd()) ?? throw new InvalidOperationException("No JSON on stdin.");
Console.Out.Write(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
    .ReplaceLineEndings("\n") + "\n");
