using JujuOps.Operator.Hosting;

// The JujuOps operator: reconcilers for JujuController, ModelDefaults and JujuModel on the controller runtime,
// and /healthz, /readyz, /metrics on the port --urls gives. Settings: see OperatorOptions.
// Settings (appsettings.json: console logs with the reconcile scope on each line) are read beside the binary,
// wherever the process was started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.Services.AddJujuOpsOperator(builder.Configuration);
if (builder.Configuration.GetValue<bool>($"{OperatorOptions.Section}:{nameof(OperatorOptions.ReusePorts)}"))
    builder.WebHost.UseSharedListenPorts();

var app = builder.Build();
app.Services.GetRequiredService<LateBoundCaches>().Bind(app.Services);
app.MapJujuOpsRuntimeEndpoints();
await app.RunAsync().ConfigureAwait(false);
