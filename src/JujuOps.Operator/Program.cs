using JujuOps.Operator.Hosting;

// The JujuOps operator: reconcilers for JujuController, ModelDefaults and JujuModel on the controller runtime,
// and /healthz, /readyz, /metrics on the port --urls gives. Settings: see OperatorOptions.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddJujuOpsOperator(builder.Configuration);

var app = builder.Build();
app.Services.GetRequiredService<LateBoundCaches>().Bind(app.Services);
app.MapJujuOpsRuntimeEndpoints();
await app.RunAsync().ConfigureAwait(false);
