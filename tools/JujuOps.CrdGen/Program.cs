using JujuOps.Api.Crds;

// Writes one YAML file per CRD into the folder given as the only argument (default: config/crd).
var folder = args.Length > 0 ? args[0] : Path.Combine("config", "crd");
Directory.CreateDirectory(folder);
foreach (var crd in CrdGenerator.GenerateAll())
{
    var path = Path.Combine(folder, CrdGenerator.FileName(crd));
    File.WriteAllText(path, CrdYaml.Serialize(crd));
    Console.WriteLine(path);
}
