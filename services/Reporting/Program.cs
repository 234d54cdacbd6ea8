using Partnership.Reporting;
using Partnership.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.UsePartnershipEndpoints(ServiceEndpoints.Reporting);
builder.AddReporting();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReporting();
app.Run();
