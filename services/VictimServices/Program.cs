using Partnership.ServiceDefaults;
using Partnership.VictimServices;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.UsePartnershipEndpoints(ServiceEndpoints.VictimServices);
builder.AddVictimServices();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapVictimServices();
app.Run();
